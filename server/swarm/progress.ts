// Live progress of swarm services, pushed (never polled by the browser). A monitor per service reads
// the service and its tasks from the engine — every 500 ms while a run of ours (update, rollback,
// scale) or a rollout Docker reports is under way, every 2 s while sockets watch it otherwise — and
// pushes `swarm:progress` to the service's room when what they would see changed. A run ends when
// Docker's UpdateStatus reaches a final state (completed, rolled back, paused) or, for a scale, when
// the tasks have converged; its outcome goes to the audit log.
import type { Socket } from 'socket.io';
import crypto from 'node:crypto';
import type { AppEnv } from '../app';
import { SWARM_EVENTS, type SwarmOp, type SwarmProgressEvent, type SwarmServiceDetail } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { isHttpError } from '../http/errors';
import { refreshSwarmListing } from './service-model';
import { serviceDetail } from './services';

const FAST_MS = 500;
const IDLE_MS = 2000;
/** a run whose UpdateStatus never changes (nothing to roll out) ends once converged after this */
const GRACE_MS = 5000;
const SCALE_LIMIT_MS = 5 * 60_000;
const RUN_LIMIT_MS = 30 * 60_000;
const FINAL = new Set(['completed', 'paused', 'rollback_completed', 'rollback_paused']);
const IN_PROGRESS = new Set(['updating', 'rollback_started']);
const BOILERPLATE = new Set(['update in progress', 'update completed', 'rollback completed', 'update paused', 'rollback paused']);
const STOPPING_STATES = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

interface Run {
  runId: string;
  op: SwarmOp;
  startedMs: number;
  /** UpdateStatus.StartedAt before the change: a different one is the rollout this run started */
  baselineStartedAt: string | null;
  /** Docker's last message that said more than the state (why an update rolled back or paused) */
  reason?: string;
  username: string;
  detail: Record<string, unknown>;
}

interface Monitor {
  serviceId: string;
  run: Run | null;
  timer: NodeJS.Timeout | null;
  last: string;
  lastEvent: SwarmProgressEvent | null;
}

export interface StartRun {
  serviceId: string;
  op: SwarmOp;
  baselineStartedAt: string | null;
  username: string;
  detail: Record<string, unknown>;
}

export function serviceRoom(serviceId: string) {
  return `swarm:service:${serviceId}`;
}

/** The tasks match what the service asks for: the desired count runs the service's image, nothing old still stops. */
export function converged(s: SwarmServiceDetail): boolean {
  const active = s.tasks.filter((t) => t.desiredState === 'running');
  const stopping = s.tasks.some((t) => t.desiredState !== 'running' && STOPPING_STATES.has(t.state));
  return !stopping && active.length === s.desired && active.every((t) => t.state === 'running' && t.image === s.image);
}

/** "rollback started: update rolled back due to failure…", without repeating a message that only restates the state */
export function statusText(st: { state: string; message: string }): string {
  const state = st.state.replace('_', ' ');
  return st.message && !BOILERPLATE.has(st.message) ? `${state}: ${st.message}` : state;
}

export interface Verdict {
  done: boolean;
  ok: boolean | null;
  message: string;
}

/** Where a run stands, from what the engine reports now. Pure, unit-tested. */
export function judgeRun(run: Pick<Run, 'op' | 'baselineStartedAt' | 'startedMs' | 'reason'>, s: SwarmServiceDetail, now: number): Verdict {
  const onImage = s.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running' && t.image === s.image).length;
  const counts = `${onImage}/${s.desired} running ${s.image}`;
  const st = s.updateStatus;
  const fresh = st !== null && st.startedAt !== run.baselineStartedAt;
  const elapsed = now - run.startedMs;
  if (run.op !== 'scale' && fresh && st) {
    if (FINAL.has(st.state)) {
      const ok = run.op === 'update' ? st.state === 'completed' : st.state === 'rollback_completed';
      // "rollback completed" alone hides why: add the failure Docker reported on the way
      const why = !ok && run.reason && run.reason !== st.message ? ` · ${run.reason}` : '';
      return { done: true, ok, message: `${statusText(st)}${why}` };
    }
    return { done: false, ok: null, message: `${statusText(st)} · ${counts}` };
  }
  if (elapsed >= GRACE_MS && converged(s)) return { done: true, ok: true, message: run.op === 'scale' ? `scaled: ${counts}` : `nothing to roll out: ${counts}` };
  if (elapsed >= (run.op === 'scale' ? SCALE_LIMIT_MS : RUN_LIMIT_MS)) return { done: true, ok: false, message: `gave up waiting: ${counts}` };
  if (run.op === 'scale' && converged(s)) return { done: true, ok: true, message: `scaled: ${counts}` };
  return { done: false, ok: null, message: counts };
}

export class SwarmProgress {
  private monitors = new Map<string, Monitor>();
  private stopped = false;
  constructor(private ae: AppEnv) {}

  /** Starts a run on a service (replacing a run of ours still going on it) and returns its id. */
  start(o: StartRun): string {
    const m = this.monitor(o.serviceId);
    if (m.run) this.finish(m, m.run, { done: true, ok: false, message: `superseded by a ${o.op}` });
    m.run = { runId: crypto.randomBytes(6).toString('hex'), op: o.op, startedMs: Date.now(), baselineStartedAt: o.baselineStartedAt, username: o.username, detail: o.detail };
    this.schedule(m, 0);
    return m.run.runId;
  }

  watch(socket: Socket, serviceId: string) {
    void socket.join(serviceRoom(serviceId));
    const m = this.monitor(serviceId);
    if (m.lastEvent) socket.emit(SWARM_EVENTS.progress, m.lastEvent);
    if (!m.timer) this.schedule(m, 0);
  }

  unwatch(socket: Socket, serviceId: string) {
    void socket.leave(serviceRoom(serviceId));
  }

  /** The environment is going away: no monitor reads its engine again (a run's outcome is not waited for). */
  stopAll() {
    this.stopped = true;
    for (const m of [...this.monitors.values()]) this.stop(m);
  }

  /** For tests and shutdown: the services being monitored. */
  get active(): string[] {
    return [...this.monitors.keys()];
  }

  private monitor(serviceId: string): Monitor {
    let m = this.monitors.get(serviceId);
    if (!m) {
      m = { serviceId, run: null, timer: null, last: '', lastEvent: null };
      this.monitors.set(serviceId, m);
    }
    return m;
  }

  private watchers(serviceId: string): number {
    return this.ae.app.io()?.sockets.adapter.rooms.get(serviceRoom(serviceId))?.size ?? 0;
  }

  private schedule(m: Monitor, ms: number) {
    if (m.timer) clearTimeout(m.timer);
    if (this.stopped) return; // a read under way when the environment went does not start another
    m.timer = setTimeout(() => void this.tick(m), ms);
    m.timer.unref?.();
  }

  private async tick(m: Monitor) {
    m.timer = null;
    const run = m.run;
    let service: SwarmServiceDetail | null = null;
    try {
      service = await serviceDetail(this.ae.env.docker, m.serviceId);
    } catch (e) {
      if (!(isHttpError(e) && e.status === 404)) {
        // engine away or busy: try again, a run still ends at its time limit
        if (run && Date.now() - run.startedMs > RUN_LIMIT_MS) this.finish(m, run, { done: true, ok: false, message: `engine not answering: ${(e as Error).message}` });
        return this.next(m, null);
      }
    }
    if (!service) {
      // the service is gone: say so once and stop
      if (run) this.finish(m, run, { done: true, ok: false, message: 'service removed' }, null);
      else this.emit(m, null, { done: false, ok: null, message: 'service removed' }, null);
      this.stop(m);
      return;
    }
    if (run) {
      const msg = service.updateStatus?.message;
      if (msg && !BOILERPLATE.has(msg) && service.updateStatus?.startedAt !== run.baselineStartedAt) run.reason = msg;
      const verdict = judgeRun(run, service, Date.now());
      if (verdict.done) {
        // whoever hears "done" and reads the listing must see the state that made it done
        await refreshSwarmListing(this.ae);
        this.finish(m, run, verdict, service);
      } else this.emit(m, run, verdict, service);
    } else {
      const st = service.updateStatus;
      this.emit(m, null, { done: false, ok: null, message: st && IN_PROGRESS.has(st.state) ? statusText(st) : '' }, service);
    }
    this.next(m, service);
  }

  private next(m: Monitor, service: SwarmServiceDetail | null) {
    const rollingOut = service?.updateStatus && IN_PROGRESS.has(service.updateStatus.state);
    if (m.run || rollingOut) return this.schedule(m, FAST_MS);
    if (this.watchers(m.serviceId) > 0) return this.schedule(m, IDLE_MS);
    this.stop(m);
  }

  private stop(m: Monitor) {
    if (m.timer) clearTimeout(m.timer);
    m.timer = null;
    if (this.monitors.get(m.serviceId) === m) this.monitors.delete(m.serviceId);
  }

  private finish(m: Monitor, run: Run, v: Verdict, service?: SwarmServiceDetail | null) {
    m.run = null;
    this.emit(m, run, v, service === undefined ? (m.lastEvent?.service ?? null) : service, true);
    recordAudit(this.ae.app.db, {
      username: run.username,
      action: `swarm.${run.op}.result`,
      target: m.lastEvent?.service?.name ?? m.serviceId,
      result: v.ok ? 'ok' : 'failed',
      detail: { ...run.detail, runId: run.runId, message: v.message, durationMs: Date.now() - run.startedMs },
    });
  }

  private emit(m: Monitor, run: Run | null, v: Verdict, service: SwarmServiceDetail | null, force = false) {
    const phase: SwarmProgressEvent['phase'] = run ? (v.done ? 'done' : 'running') : 'idle';
    const key = JSON.stringify([run?.runId, phase, v.message, service]);
    if (!force && key === m.last) return;
    m.last = key;
    const ev: SwarmProgressEvent = {
      serviceId: m.serviceId,
      runId: run?.runId ?? null,
      op: run?.op ?? null,
      phase,
      ok: v.done ? v.ok : null,
      message: v.message,
      at: new Date().toISOString(),
      elapsedMs: run ? Date.now() - run.startedMs : 0,
      service,
    };
    m.lastEvent = ev;
    this.ae.app.io()?.to(serviceRoom(m.serviceId)).emit(SWARM_EVENTS.progress, ev);
  }
}

export function swarmProgress(ae: AppEnv): SwarmProgress {
  return ae.env.service('swarm.progress', () => new SwarmProgress(ae));
}
