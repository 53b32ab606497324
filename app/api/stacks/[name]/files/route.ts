import { route } from '@/server/http/route-handler';
import { filesQuery, putFilesBody, stackParam } from '@/server/contract';
import { can } from '@/server/auth/permissions';
import { readStackFiles } from '@/server/stacks/files';
import { saveFiles } from '@/server/stacks/save-files';
import { resolveStack } from '@/server/stacks/resolve';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: stackParam, query: filesQuery }, async ({ app, env, params, query, principal }) =>
  readStackFiles(resolveStack({ app, env }, params.name), query.file, can(principal, 'secrets:read')),
);

export const PUT = route({ permission: 'stacks:edit', params: stackParam, body: putFilesBody }, async ({ app, env, params, body, principal }) =>
  saveFiles({ app, env }, params.name, body, principal.username),
);
