import { route } from '@/server/http/route-handler';
import { environmentNameParam } from '@/server/contract';
import { removeEnvironment } from '@/server/environments/manage-environments';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'environments:manage', params: environmentNameParam }, async ({ app, env, params, principal }) => {
  removeEnvironment({ app, env }, params.name, principal.username);
  return { ok: true };
});
