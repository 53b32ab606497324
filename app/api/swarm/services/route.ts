import { route } from '@/server/http/route-handler';
import { listServicesFromModel } from '@/server/swarm/services';

export const GET = route({ permission: 'read' }, async ({ app, env }) => listServicesFromModel({ app, env }));
