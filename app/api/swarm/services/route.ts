import { route } from '@/server/http/route-handler';
import { listSwarmServices } from '@/server/swarm/services';

export const GET = route({ permission: 'read' }, async ({ ctx }) => listSwarmServices(ctx.docker));
