// Runs every container's HTTP probes on its interval, keeps a history of each probe, and folds the
// probe verdict and restart-loop detection into the live container model (so the overview's rollup
// and `container:changed` carry them). Each probe result is pushed as `health:changed`: no polling.
import type { AppEnv } from '../app';
import type { ContainerSummary, ProbeResult } from '../contract/core';
import { HEALTH_EVENTS, type HealthChangedEvent, type ProbeStatus } from '../contract/stats';
import { loadStatsSettings } from '../stats/settings';
import { runContainerProbe } from './container-probe';
import { probesFromLabels, probeTiming, type ProbeSpec } from './probe-labels';
import { recordProbe } from '../metrics';
import { recordEvent } from '../events/record';

const HISTORY = 60; // results kept per probe
const LOOP_WINDOW_MS = 10 * 60 * 1000;
const LOOP_RESTARTS = 3;

interface Scheduled {
  key: string; // the probe labels and timing it was scheduled with
  startedAt: string | null;
  specs: ProbeSpec[];
  intervalMs: number;
  timeoutMs: number;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}

/** Slipway's own listening ports: a probe label never points Slipway at itself. */
export const slipwayPorts = (ae: AppEnv) => [ae.app.config.PORT, ae.app.config.SLIPWAY_METRICS_PORT].filter((p): p is number => typeof p === 'number');

export function probeStatusOf(specs: number, latest: ProbeResult[]): ProbeStatus {
  if (specs === 0) return 'none';
  if (latest.length < specs) return latest.some((r) => !r.ok) ? 'partial' : 'pending';
  const failing = latest.filter((r) => !r.ok).length;
  return failing === 0 ? 'ok' : failing === latest.length ? 'failing' : 'partial';
}

export class HealthMonitor {
  private scheduled = new Map<string, Scheduled>();
  /** per container: probe name → results, oldest first */
  private history = new Map<string, Map<string, ProbeResult[]>>();
  /** per container: results since its last start, by probe name */
  private latest = new Map<string, Map<string, ProbeResult>>();
  private restarts = new Map<string, { count: number; rises: number[] }>();
  private defaults: { intervalMs: number; timeoutMs: number };
  private sweep: NodeJS.Timeout;

  constructor(private ae: AppEnv) {
    const s = loadStatsSettings();
    this.defaults = { intervalMs: s.SLIPWAY_PROBE_INTERVAL_MS, timeoutMs: s.SLIPWAY_PROBE_TIMEOUT_MS };
    ae.env.watcher.decorators.push((c) => this.decorate(c));
    ae.env.watcher.on('changed', (ev: { id: string; removed?: boolean; container?: ContainerSummary }) => this.sync(ev.id, ev.removed ? undefined : ev.container));
    for (const c of ae.env.watcher.list()) this.sync(c.id, c);
    // A restart loop ends when restarts stop: re-evaluate the flag now and then.
    this.sweep = setInterval(() => {
      for (const c of ae.env.watcher.list()) if (c.restartLoop && !this.inLoop(c)) this.patch(c.id, { restartLoop: false });
    }, 30_000);
    this.sweep.unref();
  }

  /** Called by the watcher on every fresh summary: adds probe status and restart-loop detection. */
  private decorate(c: ContainerSummary) {
    const r = this.restarts.get(c.id) ?? { count: c.restartCount, rises: [] };
    if (c.restartCount > r.count) for (let i = r.count; i < c.restartCount; i++) r.rises.push(Date.now());
    r.count = c.restartCount;
    this.restarts.set(c.id, r);
    c.restartLoop = this.inLoop(c);
    c.probeStatus = this.statusFor(c);
  }

  /**
   * LOOP_RESTARTS restarts by Docker within the window. Not merely "Docker is restarting it now": that
   * flips with every restart (restarting, running, restarting…), and each flip would be one more
   * restart_loop event, notice and alert; counted, a loop is one flag from its third restart until its
   * restarts age out of the window. The `restarting` state itself is unhealthy in the rollup anyway.
   */
  private inLoop(c: ContainerSummary): boolean {
    const r = this.restarts.get(c.id);
    const recent = r ? r.rises.filter((t) => t > Date.now() - LOOP_WINDOW_MS) : [];
    if (r) r.rises = recent;
    return recent.length >= LOOP_RESTARTS;
  }

  recentRestarts(id: string): number {
    return this.restarts.get(id)?.rises.filter((t) => t > Date.now() - LOOP_WINDOW_MS).length ?? 0;
  }

  private statusFor(c: ContainerSummary): ProbeStatus {
    const specs = probesFromLabels(c.labels);
    if (specs.length === 0) return 'none';
    if (c.state !== 'running') return 'none';
    return probeStatusOf(specs.length, [...(this.latest.get(c.id)?.values() ?? [])]);
  }

  private sync(id: string, c: ContainerSummary | undefined) {
    const specs = c && c.state === 'running' ? probesFromLabels(c.labels) : [];
    const current = this.scheduled.get(id);
    if (!c || specs.length === 0) {
      this.unschedule(id);
      // A stopped container is judged afresh when it starts again.
      this.latest.delete(id);
      if (!c) {
        this.history.delete(id);
        this.restarts.delete(id);
      }
      return;
    }
    const timing = probeTiming(c.labels, this.defaults);
    const key = JSON.stringify([specs, timing]);
    if (current?.key === key && current.startedAt === c.startedAt) return;
    if (current && current.startedAt !== c.startedAt) this.latest.delete(id);
    this.unschedule(id);
    const s: Scheduled = { key, startedAt: c.startedAt, specs, ...timing, timer: null, stopped: false };
    this.scheduled.set(id, s);
    s.timer = setTimeout(() => void this.round(id, s), 0);
  }

  private unschedule(id: string) {
    const s = this.scheduled.get(id);
    if (!s) return;
    s.stopped = true;
    if (s.timer) clearTimeout(s.timer);
    this.scheduled.delete(id);
  }

  /** One round: every probe of the container at once, then the next round an interval later. */
  private async round(id: string, s: Scheduled) {
    const target = this.ae.env.watcher.containers.get(id);
    const results = target ? await Promise.all(s.specs.map((p) => runContainerProbe(this.ae.env.docker, p, target, { timeoutMs: s.timeoutMs, slipwayPorts: slipwayPorts(this.ae) }))) : [];
    for (const r of results) recordProbe(this.ae, r.ok, (r.latencyMs ?? 0) / 1000); // metrics
    if (s.stopped) return;
    const hist = this.history.get(id) ?? new Map<string, ProbeResult[]>();
    const latest = this.latest.get(id) ?? new Map<string, ProbeResult>();
    const target2 = this.ae.env.watcher.containers.get(id);
    for (const r of results) {
      const before = latest.get(r.name);
      // a transition, or a first answer that fails: one timeline event (server/events), never the body
      if (target2 && (before ? before.ok !== r.ok : !r.ok)) this.probeEvent(target2, r);
      const h = hist.get(r.name) ?? [];
      h.push(r);
      if (h.length > HISTORY) h.shift();
      hist.set(r.name, h);
      latest.set(r.name, r);
    }
    this.history.set(id, hist);
    this.latest.set(id, latest);
    const c = this.ae.env.watcher.containers.get(id);
    if (c) {
      const probeStatus = this.statusFor(c);
      if (probeStatus !== c.probeStatus) this.patch(id, { probeStatus });
      const ev: HealthChangedEvent = { containerId: id, probeStatus, probes: results };
      this.ae.env.emit(HEALTH_EVENTS.changed, ev); // to this environment's sockets only, stamped with its name
    }
    s.timer = setTimeout(() => void this.round(id, s), s.intervalMs);
    s.timer.unref();
  }

  private probeEvent(c: ContainerSummary, r: ProbeResult) {
    recordEvent(this.ae, {
      project: c.project, service: c.service, container: c.name,
      kind: r.ok ? 'probe.ok' : 'probe.failed', severity: r.ok ? 'info' : 'warning',
      summary: r.ok ? `probe ${r.name} of ${c.name} answers again` : `probe ${r.name} of ${c.name} failed: ${r.error ?? 'failed'}`,
      detail: { probe: r.name, statusCode: r.statusCode, latencyMs: r.latencyMs, error: r.error },
    });
  }

  /** Replaces the container's summary with the patched one and pushes `container:changed`. */
  private patch(id: string, fields: Partial<ContainerSummary>) {
    const c = this.ae.env.watcher.containers.get(id);
    if (!c) return;
    const next = { ...c, ...fields };
    this.ae.env.watcher.containers.set(id, next);
    this.ae.env.watcher.emit('changed', { id, state: next.state, health: next.health, container: next });
  }

  latestFor(id: string): ProbeResult[] {
    return [...(this.latest.get(id)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  }

  historyFor(id: string): Record<string, ProbeResult[]> {
    return Object.fromEntries(this.history.get(id) ?? []);
  }

  stop() {
    clearInterval(this.sweep);
    for (const id of [...this.scheduled.keys()]) this.unschedule(id);
  }
}

export const healthMonitor = (ae: AppEnv) => ae.env.service('health.monitor', () => new HealthMonitor(ae));
