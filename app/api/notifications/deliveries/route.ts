import { route } from '@/server/http/route-handler';
import { auditQuery } from '@/server/contract';
import { listDeliveries } from '@/server/notifications/destinations';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage', query: auditQuery }, async ({ app, query }) => listDeliveries(app.db, query.limit));
