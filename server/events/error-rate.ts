// Error-log rate (issue 18): lines at error level or above, counted per container per minute for every
// running container of an environment. The counter is one more holder of the log hub's follower, so a
// container someone is watching is still followed by exactly one Docker stream; lines are tested and
// dropped at once, never kept. Each container keeps a day of per-minute counts (MinuteRing); rings of
// removed containers stay a day, then go.
import type { AppContext } from '../context';
import { singleton } from '../context';
import { isErrorLine, type ContainerChangedEvent, type ContainerSummary, type ErrorRatePoint, type LogLine } from '../contract';
import { logHub } from '../logs/log-hub';
import type { ContainerFollower, FollowerStatus } from '../logs/container-follower';
import { inspectForLogs } from '../logs/docker-logs';
import { MinuteRing, WINDOW_MINUTES } from './minute-ring';

const SWEEP_MS = 10 * 60_000;
const minuteOf = (ms: number) => Math.floor(ms / 60_000);

interface Tracked {
  id: string;
  name: string;
  project: string | null;
  service: string | null;
  ring: MinuteRing;
  follower: ContainerFollower | null;
  /** an attach (inspect + acquire) is under way */
  attaching: boolean;
  removedAt: number | null;
  detach: (() => void) | null;
}

export class ErrorRateCounter {
  private tracked = new Map<string, Tracked>();
  private sweep: NodeJS.Timeout;
  private stopped = false;

  constructor(private ctx: AppContext) {
    ctx.watcher.on('changed', this.onChanged);
    for (const c of ctx.watcher.list()) this.sync(c.id, c);
    this.sweep = setInterval(() => this.dropOld(), SWEEP_MS);
    this.sweep.unref();
  }

  private onChanged = (ev: ContainerChangedEvent) => this.sync(ev.id, ev.removed ? undefined : ev.container);

  private sync(id: string, c: ContainerSummary | undefined) {
    if (this.stopped) return;
    const t = this.tracked.get(id);
    if (!c) {
      if (t) {
        t.detach?.();
        t.removedAt = Date.now();
        if (t.ring.size === 0) this.tracked.delete(id);
      }
      return;
    }
    const entry = t ?? { id, name: c.name, project: c.project, service: c.service, ring: new MinuteRing(), follower: null, attaching: false, removedAt: null, detach: null };
    Object.assign(entry, { name: c.name, project: c.project, service: c.service });
    this.tracked.set(id, entry);
    if (c.state === 'running' && !entry.follower && !entry.attaching) void this.attach(entry);
  }

  private async attach(t: Tracked) {
    t.attaching = true;
    try {
      const info = await inspectForLogs(this.ctx.docker, t.id);
      if (this.stopped || t.removedAt !== null || !info.running || t.follower) return;
      const hub = logHub(this.ctx);
      const follower = hub.acquire(info);
      const onLines = (lines: LogLine[]) => {
        let n = 0;
        for (const l of lines) if (isErrorLine(l.text)) n++;
        if (n > 0) t.ring.add(minuteOf(Date.now()), n);
      };
      // The stream ended and was flushed (the last lines of a crash are counted): let go unless it runs again.
      const onStatus = (s: FollowerStatus) => {
        if (s.state !== 'ended') return;
        setImmediate(() => {
          if (t.follower === follower && this.ctx.watcher.containers.get(t.id)?.state !== 'running') t.detach?.();
          else if (t.follower === follower && follower.state === 'removed') t.detach?.();
        });
      };
      follower.on('lines', onLines);
      follower.on('status', onStatus);
      t.follower = follower;
      t.detach = () => {
        follower.off('lines', onLines);
        follower.off('status', onStatus);
        t.follower = null;
        t.detach = null;
        hub.release(follower);
      };
    } catch {
      /* gone or engine away: the next `changed` of this container tries again */
    } finally {
      t.attaching = false;
    }
    // it may have stopped and started again while the inspect ran
    if (!t.follower && !this.stopped && t.removedAt === null && this.ctx.watcher.containers.get(t.id)?.state === 'running') setTimeout(() => void this.retry(t), 1000).unref();
  }

  private async retry(t: Tracked) {
    if (!t.follower && !t.attaching && t.removedAt === null && this.ctx.watcher.containers.get(t.id)?.state === 'running') await this.attach(t);
  }

  private dropOld() {
    const cutoff = Date.now() - WINDOW_MINUTES * 60_000;
    for (const [id, t] of this.tracked)
      if ((t.removedAt !== null && t.removedAt < cutoff) || (t.removedAt !== null && t.ring.newest < minuteOf(cutoff))) this.tracked.delete(id);
  }

  /** Per container and minute, from `sinceMs` on; only minutes with at least one error line. */
  points(sinceMs: number, filter: { project?: string; service?: string } = {}): ErrorRatePoint[] {
    const from = minuteOf(sinceMs);
    const out: ErrorRatePoint[] = [];
    for (const t of this.tracked.values()) {
      if (filter.project && t.project !== filter.project) continue;
      if (filter.service && t.service !== filter.service) continue;
      for (const [m, count] of t.ring.since(from)) out.push({ container: t.name, project: t.project, service: t.service, minute: new Date(m * 60_000).toISOString(), count });
    }
    return out.sort((a, b) => (a.minute < b.minute ? -1 : a.minute > b.minute ? 1 : a.container.localeCompare(b.container)));
  }

  /** containers followed for counting right now (tests, diagnostics) */
  get following(): number {
    let n = 0;
    for (const t of this.tracked.values()) if (t.follower) n++;
    return n;
  }

  stop() {
    this.stopped = true;
    clearInterval(this.sweep);
    this.ctx.watcher.off('changed', this.onChanged);
    for (const t of this.tracked.values()) t.detach?.();
  }
}

export const errorRate = (ctx: AppContext) => singleton(ctx, 'events.error-rate', () => new ErrorRateCounter(ctx));
