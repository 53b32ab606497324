import { route } from '@/server/http/route-handler';
import { auditQuery } from '@/server/contract';
import { listAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

// Everyone may read the log; only admins read other users' details (server/audit/audit-log.ts).
export const GET = route({ permission: 'read', query: auditQuery }, async ({ app, query, principal }) => {
  const { limit, before, ...filters } = query;
  return listAudit(app.db, limit, principal, filters, before);
});
