// The context every server function of an environment receives. It is a plain object made by
// contextFor(): the process part (config, store, socket.io, login limiter, setup token, shared
// singletons) is read from the one `ProcessServices` object of the process, the engine part (docker,
// watcher, env, singletons) is the environment's own. Nothing is inherited through a prototype.
// Next bundles route handlers apart from server/, so the default environment's context lives on
// globalThis: the custom server creates it once at start, route code and socket handlers read it.
import type Docker from 'dockerode';
import type { Server as IoServer } from 'socket.io';
import type { Config } from './config';
import type { Db } from './store/db';
import type { ContainerWatcher } from './docker/container-watcher';
import type { LoginRateLimiter } from './auth/rate-limit';

/** One of each per process, whatever the number of engines. */
export interface ProcessServices {
  readonly config: Config;
  readonly db: Db;
  readonly loginLimiter: LoginRateLimiter;
  /** the socket.io server, set once the HTTP server is up (server/index.ts) */
  io: IoServer | null;
  /** one-time token required by /setup while no user exists; null once used or not needed */
  readonly setup: { token: string | null };
  /** ends every socket of a revoked session or a changed user at once */
  disconnectSockets(filter: { sessionHash?: string; username?: string; tokenId?: number }): void;
  /** process-wide single instances shared by every environment (metrics registry, notifier, environment registry) */
  readonly sharedSingletons: Map<string, unknown>;
}

/** What belongs to one engine. */
export interface EngineParts {
  /** the environment whose engine `docker` and `watcher` talk to (server/environments) */
  readonly env: string;
  readonly docker: Docker;
  readonly watcher: ContainerWatcher;
  /** per-area single instances of this environment (log hub, stats collectors, shell sessions, locks...), see singleton() */
  readonly singletons: Map<string, unknown>;
}

/** The process part seen through one environment (read-only here: io is set on ProcessServices). */
export type ProcessPart = Readonly<ProcessServices>;

export type AppContext = ProcessPart & EngineParts;

/**
 * An environment's context: a plain object whose process members read through to `proc` (so socket.io,
 * set after the HTTP server starts, is seen by every environment) and whose engine members are its own.
 */
export function contextFor(proc: ProcessServices, engine: { env: string; docker: Docker; watcher: ContainerWatcher }): AppContext {
  return {
    get config() {
      return proc.config;
    },
    get db() {
      return proc.db;
    },
    get loginLimiter() {
      return proc.loginLimiter;
    },
    get io() {
      return proc.io;
    },
    get setup() {
      return proc.setup;
    },
    get sharedSingletons() {
      return proc.sharedSingletons;
    },
    disconnectSockets: (filter) => proc.disconnectSockets(filter),
    env: engine.env,
    docker: engine.docker,
    watcher: engine.watcher,
    singletons: new Map(),
  };
}

// One per process whichever environment asks: Prometheus needs one registry, deliveries one queue.
const SHARED = new Set(['metrics', 'notifier']);

/** The one instance of an area's service in this environment (or process, for SHARED keys), created on first use. */
export function singleton<T>(ctx: Pick<AppContext, 'singletons' | 'sharedSingletons'>, key: string, create: () => T): T {
  const map = SHARED.has(key) ? ctx.sharedSingletons : ctx.singletons;
  if (!map.has(key)) map.set(key, create());
  return map.get(key) as T;
}

const KEY = Symbol.for('slipway.context');
type Holder = { [KEY]?: AppContext };

export function setContext(ctx: AppContext) {
  (globalThis as Holder)[KEY] = ctx;
}

/** The default environment's context (route() picks another from `?env=`). */
export function getContext(): AppContext {
  const ctx = (globalThis as Holder)[KEY];
  if (!ctx) throw new Error('Slipway context missing: start the server with `npm start` (server/index.ts), not `next start`');
  return ctx;
}
