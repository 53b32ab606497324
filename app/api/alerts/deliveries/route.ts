import { route } from '@/server/http/route-handler';
import { alertsQuery } from '@/server/contract';
import { listAlertDeliveries } from '@/server/alerts/alerts-store';

export const dynamic = 'force-dynamic';

/** Deliveries of alert notices with their result; destination name and kind only (no URL), so every role may read them. */
export const GET = route({ permission: 'read', query: alertsQuery }, async ({ app, query }) => listAlertDeliveries(app.db, query.limit));
