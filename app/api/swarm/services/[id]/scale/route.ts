import { route } from '@/server/http/route-handler';
import { swarmScaleBody, swarmServiceParam } from '@/server/contract';
import { scaleService } from '@/server/swarm/changes';

export const POST = route({ permission: 'swarm:operate', params: swarmServiceParam, body: swarmScaleBody }, async ({ app, env, params, body, principal }) =>
  scaleService({ app, env }, params.id, body.replicas, principal.username),
);
