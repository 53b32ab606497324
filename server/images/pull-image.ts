// Pull by reference in the background: 202 with an id at once, then the engine's per-layer progress
// folded into one state and pushed (throttled) to the environment's sockets.
import crypto from 'node:crypto';
import type { Environment } from '../app';
import { IMAGE_EVENTS, type PullLayer, type PullState } from '../contract';
import { authFor } from '../registry/credentials';
import { parseReference } from '../registry/reference';
import type { Db } from '../store/db';

const KEEP = 50;
const PUSH_EVERY_MS = 200;

interface ProgressEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export class PullTracker {
  readonly pulls = new Map<string, PullState>();

  start(env: Environment, db: Db, reference: string, onDone?: (s: PullState) => void): PullState {
    const state: PullState = { id: crypto.randomBytes(8).toString('hex'), reference, status: 'running', layers: [], bytesDone: 0, bytesTotal: 0, startedAt: new Date().toISOString() };
    this.pulls.set(state.id, state);
    while (this.pulls.size > KEEP) this.pulls.delete(this.pulls.keys().next().value!);
    void this.run(env, db, state).then(() => onDone?.(state));
    return state;
  }

  private async run(env: Environment, db: Db, state: PullState) {
    const layers = new Map<string, PullLayer>();
    let lastPush = 0;
    const push = (force = false) => {
      state.layers = [...layers.values()];
      state.bytesDone = state.layers.reduce((n, l) => n + l.current, 0);
      state.bytesTotal = state.layers.reduce((n, l) => n + l.total, 0);
      if (force || Date.now() - lastPush >= PUSH_EVERY_MS) {
        lastPush = Date.now();
        env.emit(IMAGE_EVENTS.pullProgress, { ...state });
      }
    };
    try {
      const ref = parseReference(state.reference);
      const auth = authFor(db, ref.registry);
      const stream = await env.docker.pull(state.reference, auth ? { authconfig: { username: auth.username, password: auth.password, serveraddress: ref.registry } } : {});
      await new Promise<void>((resolve, reject) => {
        env.docker.modem.followProgress(
          stream,
          (err: Error | null) => (err ? reject(err) : resolve()),
          (ev: ProgressEvent) => {
            if (ev.error) return reject(new Error(ev.errorDetail?.message ?? ev.error));
            if (!ev.id || !ev.status || /^(Pulling from|Digest|Status)/.test(ev.status)) return;
            const l = layers.get(ev.id) ?? { id: ev.id, status: '', current: 0, total: 0 };
            l.status = ev.status;
            const d = ev.progressDetail;
            if (d?.total) l.total = Math.max(l.total, d.total);
            if (ev.status === 'Downloading' && d?.current != null) l.current = d.current;
            else if (/^(Download complete|Pull complete)/.test(ev.status)) l.current = l.total;
            layers.set(ev.id, l);
            push();
          },
        );
      });
      state.status = 'succeeded';
    } catch (e) {
      state.status = 'failed';
      state.error = ((e as { json?: { message?: string } }).json?.message ?? (e as Error).message).slice(0, 500);
    }
    state.endedAt = new Date().toISOString();
    push(true);
    env.emit(IMAGE_EVENTS.pullDone, { ...state });
  }
}

export const pullTracker = (env: Environment) => env.service('images.pulls', () => new PullTracker());
