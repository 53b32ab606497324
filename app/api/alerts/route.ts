import { route } from '@/server/http/route-handler';
import { alertsQuery } from '@/server/contract';
import { listAlerts } from '@/server/alerts/alerts-store';

export const dynamic = 'force-dynamic';

/** Open alerts first, then recently resolved ones, of every environment. */
export const GET = route({ permission: 'read', query: alertsQuery }, async ({ app, query }) => listAlerts(app.db, query));
