// The process's stats hub: at most one collector per container, shared by every viewer (chart pages
// and the overview), each stopped a grace period after its last viewer leaves. Samples go to the
// socket.io room `stats:<id>`; the overview gets one small batch every few seconds instead.
import type { AppEnv } from '../app';
import type { CollectorInfo, OverviewStatsSample, StatsEndedEvent, StatsSample } from '../contract/stats';
import { STATS_EVENTS } from '../contract/stats';
import { Collector } from './collector';
import { loadStatsSettings, type StatsSettings } from './settings';
import { trackStream } from '../metrics';

export const statsRoom = (id: string) => `stats:${id}`;
/** sockets watching one environment's overview (rooms are process-wide, environments are not) */
export const overviewRoom = (env: string) => `stats:overview:${env}`;
const OVERVIEW_VIEWER = 'overview';

export class StatsHub {
  private collectors = new Map<string, Collector>();
  private overviewViewers = new Set<string>();
  private overviewTimer: NodeJS.Timeout | null = null;
  readonly settings: StatsSettings;
  /** the engine host's memory: a container without a limit reports it as its limit */
  private hostMemory = 0;

  private untrack = new Map<string, () => void>();
  /**
   * Each container's last reading, kept after its collector stops (a few numbers per container), so
   * an overview opened later answers with it at once instead of "…" until a new stream's first frame.
   */
  private lastKnown = new Map<string, OverviewStatsSample>();
  private firstSampleTimer: NodeJS.Timeout | null = null;

  constructor(private ae: AppEnv) {
    this.settings = loadStatsSettings();
    void ae.env.docker.info().then((i: { MemTotal?: number }) => (this.hostMemory = i.MemTotal ?? 0), () => undefined);
    ae.env.watcher.on('changed', (ev: { id: string; removed?: boolean }) => {
      if (ev.removed) {
        this.ended(ev.id);
        this.lastKnown.delete(ev.id);
      }
      if (this.overviewViewers.size) this.syncOverview();
    });
  }

  private onSample(s: StatsSample) {
    this.ae.app.io()?.to(statsRoom(s.containerId)).emit(STATS_EVENTS.sample, s);
    const first = !this.lastKnown.has(s.containerId);
    this.lastKnown.set(s.containerId, { containerId: s.containerId, cpuPercent: s.cpuPercent, memBytes: s.memBytes, memLimit: s.memLimit });
    // A container's first reading goes to the overview at once (coalesced), not at the next tick:
    // the overview should not show "…" for seconds after it opens.
    if (first && this.overviewViewers.size && !this.firstSampleTimer) {
      this.firstSampleTimer = setTimeout(() => {
        this.firstSampleTimer = null;
        this.emitOverview();
      }, 150);
      this.firstSampleTimer.unref();
    }
  }

  private emitOverview() {
    this.ae.app.io()?.to(overviewRoom(this.ae.env.name)).emit(STATS_EVENTS.overview, { samples: this.overviewBatch() });
  }

  /** Adds a viewer to the container's collector, starting one if needed; answers the history. */
  acquire(containerId: string, viewer: string): StatsSample[] {
    let c = this.collectors.get(containerId);
    if (!c) {
      c = new Collector(containerId, this.ae.env.docker, (s) => this.onSample(s), () => this.ae.env.watcher.containers.get(containerId)?.state === 'running', () => this.hostMemory);
      this.collectors.set(containerId, c);
      c.start();
      this.untrack.set(containerId, trackStream(this.ae, 'stats')); // metrics: one per Docker stats stream
    }
    c.viewers.add(viewer);
    if (c.graceTimer) clearTimeout(c.graceTimer);
    c.graceTimer = null;
    c.stopsAt = null;
    return c.history;
  }

  release(containerId: string, viewer: string) {
    const c = this.collectors.get(containerId);
    if (!c || !c.viewers.delete(viewer) || c.viewers.size > 0) return;
    // Keep collecting a little: a viewer who reloads or comes back keeps a continuous chart.
    c.stopsAt = Date.now() + this.settings.SLIPWAY_STATS_GRACE_MS;
    c.graceTimer = setTimeout(() => {
      if (c.viewers.size > 0) return;
      c.stop();
      this.collectors.delete(containerId);
      this.untrack.get(containerId)?.();
      this.untrack.delete(containerId);
    }, this.settings.SLIPWAY_STATS_GRACE_MS);
    c.graceTimer.unref();
  }

  /**
   * A removed container sends no more samples: its viewers are told once (`stats:ended`) and leave
   * its room, and the collector stops now rather than retrying a stream that cannot come back.
   */
  private ended(containerId: string) {
    const c = this.collectors.get(containerId);
    if (!c) return;
    const room = statsRoom(containerId);
    const ev: StatsEndedEvent = { containerId, reason: 'removed', message: 'container removed; no more samples' };
    this.ae.app.io()?.to(room).emit(STATS_EVENTS.ended, ev);
    this.ae.app.io()?.in(room).socketsLeave(room);
    c.stop();
    this.collectors.delete(containerId);
    this.untrack.get(containerId)?.();
    this.untrack.delete(containerId);
  }

  /** Drops every subscription of a viewer (a disconnected socket). */
  releaseAll(viewer: string) {
    for (const id of [...this.collectors.keys()]) this.release(id, viewer);
    this.leaveOverview(viewer);
  }

  joinOverview(viewer: string): OverviewStatsSample[] {
    this.overviewViewers.add(viewer);
    this.syncOverview();
    if (!this.overviewTimer) {
      this.overviewTimer = setInterval(() => this.emitOverview(), this.settings.SLIPWAY_STATS_OVERVIEW_MS);
      this.overviewTimer.unref();
    }
    return this.overviewBatch();
  }

  leaveOverview(viewer: string) {
    if (!this.overviewViewers.delete(viewer) || this.overviewViewers.size > 0) return;
    if (this.overviewTimer) clearInterval(this.overviewTimer);
    this.overviewTimer = null;
    for (const id of [...this.collectors.keys()]) this.release(id, OVERVIEW_VIEWER);
  }

  /** The overview watches every running container (up to a cap); stopped ones are released. */
  private syncOverview() {
    const running = this.ae.env.watcher.list().filter((c) => c.state === 'running').slice(0, this.settings.SLIPWAY_STATS_OVERVIEW_MAX);
    const want = new Set(running.map((c) => c.id));
    for (const [id, c] of this.collectors) if (c.viewers.has(OVERVIEW_VIEWER) && !want.has(id)) this.release(id, OVERVIEW_VIEWER);
    for (const id of want) if (!this.collectors.get(id)?.viewers.has(OVERVIEW_VIEWER)) this.acquire(id, OVERVIEW_VIEWER);
  }

  /** The overview's containers' readings: the live one, else the last known (until a new frame). */
  private overviewBatch(): OverviewStatsSample[] {
    const out: OverviewStatsSample[] = [];
    for (const c of this.collectors.values()) {
      if (!c.viewers.has(OVERVIEW_VIEWER)) continue;
      const s = c.latest();
      const known = s ? { containerId: s.containerId, cpuPercent: s.cpuPercent, memBytes: s.memBytes, memLimit: s.memLimit } : this.lastKnown.get(c.containerId);
      if (known) out.push(known);
    }
    return out;
  }

  list(): CollectorInfo[] {
    return [...this.collectors.values()].map((c) => ({ containerId: c.containerId, viewers: c.viewers.size, streamsOpened: c.streamsOpened, samples: c.history.length, stopsAt: c.stopsAt }));
  }

  stopAll() {
    for (const c of this.collectors.values()) c.stop();
    this.collectors.clear();
    if (this.overviewTimer) clearInterval(this.overviewTimer);
    if (this.firstSampleTimer) clearTimeout(this.firstSampleTimer);
  }
}

export const statsHub = (ae: AppEnv) => ae.env.service('stats.hub', () => new StatsHub(ae));
