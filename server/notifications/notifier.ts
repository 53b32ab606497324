// Sends notices to every subscribed destination from the server only: a timeout, no redirects
// followed (a destination cannot bounce Slipway elsewhere), retries with exponential backoff, and
// every attempt recorded.
import type { App } from '../app';
import type { NotificationDestination, NotificationEvent } from '../contract';
import { destinationPassword, destinationsFor, recordAttempt, recordDeliveryStart } from './destinations';
import { formatRequest, type Notice } from './format';
import { sendEmail } from './email';

const ATTEMPTS = 4;
const TIMEOUT_MS = 5000;

export class Notifier {
  private pending = new Set<Promise<void>>();
  constructor(private app: App, private retryBaseMs: number) {}

  /**
   * Sends to every enabled destination subscribed to `event` (only those of `opts.destinations` when given);
   * each delivery runs on its own, so one that hangs never holds up another. Returns without waiting.
   */
  notify(event: NotificationEvent, title: string, text: string, severity: Notice['severity'] = 'warning', data?: Record<string, unknown>, opts: { destinations?: number[]; alertId?: number } = {}) {
    const notice: Notice = { event, title, text, severity, data, at: new Date().toISOString() };
    const only = opts.destinations?.length ? new Set(opts.destinations) : null;
    for (const dest of destinationsFor(this.app.db, event)) if (!only || only.has(dest.id)) this.track(this.deliver(dest, notice, ATTEMPTS, opts.alertId ?? null));
  }

  /** Delivers one notice; resolves once it succeeded or gave up after `attempts` tries. */
  async deliver(dest: NotificationDestination, notice: Notice, attempts = ATTEMPTS, alertId: number | null = null): Promise<void> {
    const id = recordDeliveryStart(this.app.db, dest.id, notice.event, notice.title, alertId);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let error: string | null = null;
      let statusCode: number | null = null;
      try {
        if (dest.kind === 'email') {
          if (!dest.email) throw new Error('no SMTP settings');
          await sendEmail(dest.email, destinationPassword(this.app.db, this.app.config.SLIPWAY_DATA_DIR, dest.id), notice, TIMEOUT_MS);
          recordAttempt(this.app.db, id, { status: 'delivered' });
          return;
        }
        const { body, headers } = formatRequest(dest.kind, notice);
        const res = await fetch(dest.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
        statusCode = res.status;
        await res.body?.cancel();
        if (res.status >= 200 && res.status < 300) {
          recordAttempt(this.app.db, id, { status: 'delivered', statusCode });
          return;
        }
        error = res.status >= 300 && res.status < 400 ? `redirect to ${res.headers.get('location') ?? '?'} not followed` : `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).name === 'TimeoutError' || /timeout/i.test((e as Error).message) ? `no answer within ${TIMEOUT_MS} ms` : (e as Error).message;
      }
      const last = attempt === attempts;
      recordAttempt(this.app.db, id, { status: last ? 'failed' : 'pending', error, statusCode });
      if (!last) await new Promise((r) => setTimeout(r, this.retryBaseMs * 4 ** (attempt - 1)));
    }
  }

  private track(p: Promise<void>) {
    const t = p.catch((e) => console.error('[slipway] notification failed:', e)).finally(() => this.pending.delete(t));
    this.pending.add(t);
  }
}

export function notifier({ app }: { app: App }): Notifier {
  return app.service('notifier', () => new Notifier(app, app.config.SLIPWAY_NOTIFY_RETRY_MS));
}
