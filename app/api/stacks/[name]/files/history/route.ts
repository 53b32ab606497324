import { route } from '@/server/http/route-handler';
import { stackParam } from '@/server/contract';
import { can } from '@/server/auth/permissions';
import { listVersions } from '@/server/stacks/files';
import { resolveStack } from '@/server/stacks/resolve';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: stackParam }, async ({ app, env, params, principal }) =>
  listVersions({ app, env }, resolveStack({ app, env }, params.name), can(principal, 'secrets:read')),
);
