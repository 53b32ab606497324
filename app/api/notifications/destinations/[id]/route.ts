import { route } from '@/server/http/route-handler';
import { destinationIdParam } from '@/server/contract';
import { deleteDestination } from '@/server/notifications/destinations';
import { recordAudit } from '@/server/audit/audit-log';

export const DELETE = route({ permission: 'users:manage', params: destinationIdParam }, async ({ app, params, principal }) => {
  const d = deleteDestination(app.db, params.id);
  recordAudit(app.db, { username: principal.username, action: 'notification.destination.delete', target: d.name, result: 'ok' });
  return { ok: true };
});
