import { route } from '@/server/http/route-handler';
import { addEnvironmentBody, environmentListQuery } from '@/server/contract';
import { environments } from '@/server/environments/registry';
import { addEnvironment } from '@/server/environments/manage-environments';

export const dynamic = 'force-dynamic';

// Answers from each watcher's memory: an engine that does not answer costs nothing here.
export const GET = route({ permission: 'read', query: environmentListQuery }, async ({ ctx, query }) => {
  if (query.fresh) await environments(ctx).refreshAll();
  return environments(ctx).list();
});

export const POST = route({ permission: 'environments:manage', body: addEnvironmentBody }, async ({ ctx, body, principal }) =>
  addEnvironment(ctx, body, principal.username),
);
