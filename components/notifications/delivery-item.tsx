// One delivery of a notice, as the Notifications and Alerts pages list it: result, title, where it went,
// what it was, how many attempts, and the last error. One definition for both pages.
import type { NotificationDelivery } from '@/server/contract';

export const DELIVERY_TONE: Record<NotificationDelivery['status'], string> = { delivered: 'text-emerald-700', pending: 'text-amber-700', failed: 'text-rose-700' };

export function DeliveryItem({ d, to, testId }: { d: NotificationDelivery & { statusCode?: number | null }; to: string; testId?: string }) {
  return (
    <li className="py-2 text-sm" data-testid={testId}>
      <div className="flex items-center gap-2"><span className={`text-xs font-semibold ${DELIVERY_TONE[d.status]}`}>{d.status}</span><span className="font-medium">{d.title}</span></div>
      <div className="text-xs text-slate-500">
        {to} · {d.event} · {d.attempts} attempt{d.attempts === 1 ? '' : 's'} · {new Date(d.createdAt).toLocaleTimeString()}
        {d.statusCode ? ` · HTTP ${d.statusCode}` : ''}
        {d.lastError ? <span className="text-rose-600"> · {d.lastError}</span> : null}
      </div>
    </li>
  );
}
