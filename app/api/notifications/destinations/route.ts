import { route } from '@/server/http/route-handler';
import { createDestinationBody } from '@/server/contract';
import { createDestination, listDestinations } from '@/server/notifications/destinations';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ ctx }) => listDestinations(ctx.db));

export const POST = route({ permission: 'users:manage', body: createDestinationBody }, async ({ ctx, body, principal }) => {
  const d = createDestination(ctx.db, ctx.config.SLIPWAY_DATA_DIR, body);
  recordAudit(ctx.db, { username: principal.username, action: 'notification.destination.create', target: d.name, result: 'ok', detail: { kind: d.kind, events: d.events } });
  return d;
});
