import { route } from '@/server/http/route-handler';
import { quietHoursBody } from '@/server/contract';
import { getQuietHours, setQuietHours } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ app }) => getQuietHours(app.db));

export const PUT = route({ permission: 'alerts:manage', body: quietHoursBody }, async ({ app, body, principal }) => {
  const q = setQuietHours(app.db, body);
  recordAudit(app.db, { username: principal.username, action: 'alert.quiet_hours', target: 'alerts', result: 'ok', detail: q });
  return q;
});
