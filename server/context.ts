// The process's single instances: config, store, Docker client, container watcher, login limiter.
// With several environments each has a context of its own (server/environments/registry.ts) that
// shares everything but docker, watcher, env and singletons with the default one.
// Next bundles route handlers apart from server/, so the instances live on globalThis: the custom
// server creates them once at start, route code and socket handlers read the same objects.
import type Docker from 'dockerode';
import type { Server as IoServer } from 'socket.io';
import type { Config } from './config';
import type { Db } from './store/db';
import type { ContainerWatcher } from './docker/container-watcher';
import type { LoginRateLimiter } from './auth/rate-limit';

export interface AppContext {
  config: Config;
  db: Db;
  docker: Docker;
  watcher: ContainerWatcher;
  loginLimiter: LoginRateLimiter;
  io: IoServer | null;
  /** one-time token required by /setup while no user exists; null once used or not needed. An object shared
   * by every environment's context, so a write through any of them is the process's one write (issue 16). */
  setup: { token: string | null };
  /** ends every socket of a revoked session or a changed user at once */
  disconnectSockets(filter: { sessionHash?: string; username?: string; tokenId?: number }): void;
  /** per-area single instances of this environment (log hub, stats collectors, shell sessions, locks...), see singleton() */
  singletons: Map<string, unknown>;
  /** process-wide single instances shared by every environment (metrics registry, notifier) */
  sharedSingletons: Map<string, unknown>;
  /** the environment whose engine `docker` and `watcher` talk to (server/environments) */
  env: string;
}

// One per process whichever environment asks: Prometheus needs one registry, deliveries one queue.
const SHARED = new Set(['metrics', 'notifier']);

/** The one instance of an area's service in this process, created on first use. */
export function singleton<T>(ctx: AppContext, key: string, create: () => T): T {
  const map = SHARED.has(key) ? ctx.sharedSingletons : ctx.singletons;
  if (!map.has(key)) map.set(key, create());
  return map.get(key) as T;
}

const KEY = Symbol.for('slipway.context');
type Holder = { [KEY]?: AppContext };

export function setContext(ctx: AppContext) {
  (globalThis as Holder)[KEY] = ctx;
}

export function getContext(): AppContext {
  const ctx = (globalThis as Holder)[KEY];
  if (!ctx) throw new Error('Slipway context missing: start the server with `npm start` (server/index.ts), not `next start`');
  return ctx;
}
