import { route } from '@/server/http/route-handler';
import { destinationIdParam } from '@/server/contract';
import { getDestination, listDeliveries } from '@/server/notifications/destinations';
import { notifier } from '@/server/notifications/notifier';
import { recordAudit } from '@/server/audit/audit-log';

/** Sends a test notice to one destination (one attempt, so the button answers at once) and returns its delivery record. */
export const POST = route({ permission: 'users:manage', params: destinationIdParam }, async ({ app, params, principal }) => {
  const d = getDestination(app.db, params.id);
  await notifier({ app }).deliver(d, { event: 'test', title: 'Slipway test notification', text: `Sent by ${principal.username} from Slipway.`, severity: 'info', at: new Date().toISOString() }, 1);
  const delivery = listDeliveries(app.db, 50).find((x) => x.destinationId === d.id)!;
  recordAudit(app.db, { username: principal.username, action: 'notification.test', target: d.name, result: delivery.status === 'delivered' ? 'ok' : 'failed', detail: delivery.lastError });
  return delivery;
});
