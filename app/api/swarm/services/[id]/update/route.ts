import { route } from '@/server/http/route-handler';
import { swarmServiceParam, swarmUpdateBody } from '@/server/contract';
import { updateServiceImage } from '@/server/swarm/changes';

export const POST = route({ permission: 'swarm:operate', params: swarmServiceParam, body: swarmUpdateBody }, async ({ app, env, params, body, principal }) =>
  updateServiceImage({ app, env }, params.id, body, principal.username),
);
