import { route } from '@/server/http/route-handler';
import { quietHoursBody } from '@/server/contract';
import { getQuietHours, setQuietHours } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ ctx }) => getQuietHours(ctx.db));

export const PUT = route({ permission: 'alerts:manage', body: quietHoursBody }, async ({ ctx, body, principal }) => {
  const q = setQuietHours(ctx.db, body);
  recordAudit(ctx.db, { username: principal.username, action: 'alert.quiet_hours', target: 'alerts', result: 'ok', detail: q });
  return q;
});
