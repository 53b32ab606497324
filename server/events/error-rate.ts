// Error-log rate (issue 18): lines at error level or above, counted per container per minute for every
// running container of an environment. The counter is one more holder of the log hub's follower, so a
// container someone is watching is still followed by exactly one Docker stream; lines are tested and
// dropped at once, never kept. Each container keeps a day of per-minute counts (MinuteRing); rings of
// removed containers stay a day, then go.
// Lines written before the follower is attached (a container's first lines, often its reason to crash)
// are read once the live stream is open: from the last line counted, or from the container's start on
// first sight; the live lines that arrive meanwhile wait, and Docker's timestamps decide what was
// counted already (error-count.ts), so nothing is lost between start and attach and nothing counts twice.
import type { AppEnv } from '../app';
import { isErrorLine, rfc3339ToNanos, type ContainerChangedEvent, type ContainerSummary, type ErrorRatePoint, type LogLine } from '../contract';
import { logHub } from '../logs/log-hub';
import type { ContainerFollower, FollowerStatus } from '../logs/container-follower';
import { inspectForLogs, openDockerLogs, readLogChunks, type ContainerLogInfo } from '../logs/docker-logs';
import { countNewErrors } from './error-count';
import { MinuteRing, WINDOW_MINUTES } from './minute-ring';

const SWEEP_MS = 10 * 60_000;
const minuteOf = (ms: number) => Math.floor(ms / 60_000);
/** Docker's StartedAt is stamped once the process runs: its very first lines may carry a slightly earlier time. */
const START_SLACK_NS = 2_000_000_000n;
/**
 * A container first seen long after it started (Slipway itself restarted) gets its last hour back, the
 * page's default window, rather than a day of logs read from every container at once.
 */
const CATCH_UP_MAX_NS = 3_600_000_000_000n;
/** catch-up reads at once (every running container attaches when Slipway starts) */
const CATCH_UP_PARALLEL = 4;

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
  /** the newest log timestamp counted (error-count.ts); a re-attach reads on from here */
  countedTs: string;
}

export class ErrorRateCounter {
  private tracked = new Map<string, Tracked>();
  private sweep: NodeJS.Timeout;
  private stopped = false;
  private catchUps = 0;
  private catchUpQueue: (() => void)[] = [];

  constructor(private ae: AppEnv) {
    ae.env.watcher.on('changed', this.onChanged);
    for (const c of ae.env.watcher.list()) this.sync(c.id, c);
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
    const entry = t ?? { id, name: c.name, project: c.project, service: c.service, ring: new MinuteRing(), follower: null, attaching: false, removedAt: null, detach: null, countedTs: '' };
    Object.assign(entry, { name: c.name, project: c.project, service: c.service });
    this.tracked.set(id, entry);
    if (c.state === 'running' && !entry.follower && !entry.attaching) void this.attach(entry);
  }

  private async attach(t: Tracked) {
    t.attaching = true;
    try {
      const info = await inspectForLogs(this.ae.env.docker, t.id);
      if (this.stopped || t.removedAt !== null || !info.running || t.follower) return;
      const hub = logHub(this.ae);
      const follower = hub.acquire(info);
      const add = (minute: number, n: number) => t.ring.add(minute, n);
      // live lines held while the catch-up reads: only error lines and each batch's last line (the watermark) matter
      let held: LogLine[] | null = [];
      const onLines = (lines: LogLine[]) => {
        if (!held) return countNewErrors(t, lines, add);
        for (const l of lines) if (isErrorLine(l.text)) held.push(l);
        const last = lines[lines.length - 1];
        if (last && held[held.length - 1] !== last) held.push(last);
      };
      // The stream ended and was flushed (the last lines of a crash are counted): let go unless it runs again.
      const onStatus = (s: FollowerStatus) => {
        if (s.state !== 'ended') return;
        setImmediate(() => {
          if (t.follower === follower && this.ae.env.watcher.containers.get(t.id)?.state !== 'running') t.detach?.();
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
      try {
        // once the live stream is open, everything before it is on file: read it, then let the held lines in
        await follower.ready;
        await this.catchUp(t, follower, info);
      } catch {
        /* the engine went away or the container with it: the live stream counts from here on */
      } finally {
        const rest = held;
        held = null;
        // let go meanwhile: the next attach reads on from the watermark, the held lines included
        if (t.follower === follower) countNewErrors(t, rest ?? [], add);
      }
    } catch {
      /* gone or engine away: the next `changed` of this container tries again */
    } finally {
      t.attaching = false;
    }
    // it may have stopped and started again while the inspect ran
    if (!t.follower && !this.stopped && t.removedAt === null && this.ae.env.watcher.containers.get(t.id)?.state === 'running') setTimeout(() => void this.retry(t), 1000).unref();
  }

  /** Counts what the container wrote before the live stream opened: since the last line counted, else since its start. */
  private async catchUp(t: Tracked, follower: ContainerFollower, info: ContainerLogInfo) {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const startNs = info.startedAt ? rfc3339ToNanos(info.startedAt) : null;
    const counted = t.countedTs ? rfc3339ToNanos(t.countedTs) : null;
    const floor = nowNs - CATCH_UP_MAX_NS;
    const from = counted ?? (startNs !== null && startNs > 0n ? startNs - START_SLACK_NS : nowNs);
    await this.catchUpSlot();
    try {
      if (t.follower !== follower || this.stopped) return;
      const stream = await openDockerLogs(this.ae.env.docker, t.id, { follow: false, tail: 'all', sinceNs: from > floor ? from : floor });
      for await (const lines of readLogChunks(stream, info)) {
        if (t.follower !== follower || this.stopped) break; // detached meanwhile: the next attach reads on from the watermark
        countNewErrors(t, lines, (minute, n) => t.ring.add(minute, n));
      }
    } finally {
      this.catchUps--;
      this.catchUpQueue.shift()?.();
    }
  }

  private catchUpSlot(): Promise<void> {
    if (this.catchUps < CATCH_UP_PARALLEL) {
      this.catchUps++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.catchUpQueue.push(() => {
      this.catchUps++;
      resolve();
    }));
  }

  private async retry(t: Tracked) {
    if (!t.follower && !t.attaching && t.removedAt === null && this.ae.env.watcher.containers.get(t.id)?.state === 'running') await this.attach(t);
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
    this.ae.env.watcher.off('changed', this.onChanged);
    for (const t of this.tracked.values()) t.detach?.();
  }
}

export const errorRate = (ae: AppEnv) => ae.env.service('events.error-rate', () => new ErrorRateCounter(ae));
