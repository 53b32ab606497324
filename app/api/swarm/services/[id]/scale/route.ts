import { route } from '@/server/http/route-handler';
import { swarmScaleBody, swarmServiceParam } from '@/server/contract';
import { scaleService } from '@/server/swarm/changes';

export const POST = route({ permission: 'swarm:operate', params: swarmServiceParam, body: swarmScaleBody }, async ({ ctx, params, body, principal }) =>
  scaleService(ctx, params.id, body.replicas, principal.username),
);
