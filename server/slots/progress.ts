// Live step progress of a switch or deploy, pushed to the sockets of its environment (`slots:progress`, `slots:done`),
// and the step list kept for the history.
import crypto from 'node:crypto';
import type { AppEnv } from '../app';
import { SLOT_EVENTS, type SlotDoneEvent, type SlotProgressEvent, type SwitchStep } from '../contract';

export class Progress {
  readonly runId = crypto.randomBytes(6).toString('hex');
  readonly steps: SwitchStep[] = [];
  /** Told the step under way (null between steps): the switch journals it for crash recovery. */
  onStep: ((current: string | null) => void) | null = null;
  constructor(private ae: AppEnv, readonly group: string, readonly op: 'switch' | 'deploy') {}

  emit(step: string, status: SlotProgressEvent['status'], ms: number, detail?: string) {
    const ev: SlotProgressEvent = { group: this.group, op: this.op, runId: this.runId, step, status, ms: Math.round(ms), detail, at: new Date().toISOString() };
    this.ae.env.emit(SLOT_EVENTS.progress, ev);
  }

  /** Runs one named step, timing it; a thrown error marks the step failed and propagates. */
  async step<T>(name: string, fn: () => Promise<T>, describe?: (v: T) => string | undefined): Promise<T> {
    const t0 = performance.now();
    this.emit(name, 'running', 0);
    this.onStep?.(name);
    try {
      const v = await fn();
      const ms = performance.now() - t0;
      const detail = describe?.(v);
      this.steps.push({ step: name, status: 'ok', ms: Math.round(ms), detail });
      this.onStep?.(null);
      this.emit(name, 'ok', ms, detail);
      return v;
    } catch (e) {
      const ms = performance.now() - t0;
      const detail = (e as Error).message;
      this.steps.push({ step: name, status: 'failed', ms: Math.round(ms), detail });
      this.emit(name, 'failed', ms, detail);
      throw e;
    }
  }

  /** A free-form progress line (deploy: pulling, creating, waiting for health…). */
  note(step: string, detail: string, status: SlotProgressEvent['status'] = 'running', ms = 0) {
    this.emit(step, status, ms, detail);
  }

  done(ok: boolean, error?: string) {
    const ev: SlotDoneEvent = { group: this.group, op: this.op, runId: this.runId, ok, error };
    // After the caller's lock is released (it is released in the same tick), so a refetch sees the group idle.
    setImmediate(() => this.ae.env.emit(SLOT_EVENTS.done, ev));
  }
}
