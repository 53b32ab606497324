import { route } from '@/server/http/route-handler';
import { createDestinationBody } from '@/server/contract';
import { createDestination, listDestinations } from '@/server/notifications/destinations';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ app }) => listDestinations(app.db));

export const POST = route({ permission: 'users:manage', body: createDestinationBody }, async ({ app, body, principal }) => {
  const d = createDestination(app.db, app.config.SLIPWAY_DATA_DIR, body);
  recordAudit(app.db, { username: principal.username, action: 'notification.destination.create', target: d.name, result: 'ok', detail: { kind: d.kind, events: d.events } });
  return d;
});
