// GET /api/containers/:id/inspect: the engine's inspect document; env values and secret-looking label
// values masked for roles below `secrets:read`.
import { route } from '@/server/http/route-handler';
import { containerIdParam } from '@/server/contract';
import { inspectContainer } from '@/server/docker/container-actions';
import { maskedInspect } from '@/server/docker/inspect-masked';
import { can } from '@/server/auth/permissions';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: containerIdParam }, async ({ env, params, principal }) => {
  const info = await inspectContainer(env.docker, env.watcher, params.id);
  return maskedInspect(info, can(principal, 'secrets:read'));
});
