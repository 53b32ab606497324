import { route } from '@/server/http/route-handler';
import { slotHistoryQuery } from '@/server/contract';
import { listSwitches } from '@/server/slots/history';
import { catalogEnv } from '@/server/environments/registry';

export const GET = route({ permission: 'read', query: slotHistoryQuery }, async ({ app, env, query }) => listSwitches(app.db, query.group ?? null, query.limit, catalogEnv({ app, env })));
