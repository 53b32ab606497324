import { route } from '@/server/http/route-handler';
import { versionParam } from '@/server/contract';
import { restoreFileVersion } from '@/server/stacks/save-files';

export const dynamic = 'force-dynamic';

export const POST = route({ permission: 'stacks:edit', params: versionParam }, async ({ app, env, params, principal }) =>
  restoreFileVersion({ app, env }, params.name, params.version, principal.username),
);
