import { route } from '@/server/http/route-handler';
import { addEnvironmentBody, environmentListQuery } from '@/server/contract';
import { environments } from '@/server/environments/registry';
import { addEnvironment } from '@/server/environments/manage-environments';

export const dynamic = 'force-dynamic';

// Answers from each watcher's memory: an engine that does not answer costs nothing here.
export const GET = route({ permission: 'read', query: environmentListQuery }, async ({ app, query }) => {
  if (query.fresh) await environments({ app }).refreshAll();
  return environments({ app }).list();
});

export const POST = route({ permission: 'environments:manage', body: addEnvironmentBody }, async ({ app, env, body, principal }) =>
  addEnvironment({ app, env }, body, principal.username),
);
