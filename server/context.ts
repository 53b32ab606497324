// The process's single instances: config, store, Docker client, container watcher, login limiter.
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
  /** one-time token required by /setup while no user exists; null once used or not needed */
  setupToken: string | null;
  /** ends every socket of a revoked session or a changed user at once */
  disconnectSockets(filter: { sessionHash?: string; username?: string }): void;
  /** per-area single instances (log hub, stats collectors, shell sessions, locks...), see singleton() */
  singletons: Map<string, unknown>;
}

/** The one instance of an area's service in this process, created on first use. */
export function singleton<T>(ctx: AppContext, key: string, create: () => T): T {
  if (!ctx.singletons.has(key)) ctx.singletons.set(key, create());
  return ctx.singletons.get(key) as T;
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
