import { route } from '@/server/http/route-handler';
import { listSlotGroups } from '@/server/slots/state';

export const GET = route({ permission: 'read' }, async ({ app, env }) => listSlotGroups({ app, env }));
