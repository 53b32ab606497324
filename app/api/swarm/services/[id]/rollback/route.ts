import { route } from '@/server/http/route-handler';
import { swarmServiceParam } from '@/server/contract';
import { rollbackService } from '@/server/swarm/changes';

export const POST = route({ permission: 'swarm:operate', params: swarmServiceParam }, async ({ app, env, params, principal }) =>
  rollbackService({ app, env }, params.id, principal.username),
);
