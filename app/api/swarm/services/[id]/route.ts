import { route } from '@/server/http/route-handler';
import { swarmServiceParam } from '@/server/contract';
import { serviceDetailFromModel } from '@/server/swarm/services';

export const GET = route({ permission: 'read', params: swarmServiceParam }, async ({ app, env, params }) => serviceDetailFromModel({ app, env }, params.id));
