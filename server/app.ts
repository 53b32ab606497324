// The shape every area is written against (issue 16): one process-wide `App` and one `Environment`
// per engine, passed explicitly as `{ app, env }` (an `AppEnv`) to route handlers, socket handlers and
// area services. Nothing is inherited through a prototype: an `Environment` holds only what belongs to
// one engine, and reaches the process only through the `App` it is paired with.
// Next bundles route handlers apart from server/, so the default environment's pair lives on
// globalThis: the custom server publishes it once at start, route code and socket handlers read it.
import type Docker from 'dockerode';
import type { Server as IoServer } from 'socket.io';
import type { Config } from './config';
import type { Db } from './store/db';
import type { ContainerWatcher } from './docker/container-watcher';
import type { LoginRateLimiter } from './auth/rate-limit';

/** Process-wide services: one of each whatever the number of engines. */
export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly loginLimiter: LoginRateLimiter;
  /** one-time token required by /setup while no user exists; null once used or not needed */
  readonly setup: { token: string | null };
  /** the socket.io server once the HTTP server is up */
  io(): IoServer | null;
  /** ends every socket of a revoked session, token or changed user at once */
  disconnectSockets(filter: { sessionHash?: string; username?: string; tokenId?: number }): void;
  /** the process's one instance of a service every engine shares (metrics registry, notifier, environment registry) */
  service<T>(key: string, create: () => T): T;
}

/** One engine and everything that works on it. */
export interface Environment {
  readonly name: string;
  /** the engine URL as configured (unix://, tcp://, ssh://): the compose CLI gets it as DOCKER_HOST */
  readonly url: string;
  readonly docker: Docker;
  readonly watcher: ContainerWatcher;
  /** pushes an event to the sockets bound to this environment only; an object payload carries `env` */
  emit(event: string, payload: unknown): void;
  /** this environment's instance of an area service (hub, lock, queue), created on first use */
  service<T>(key: string, create: () => T): T;
  /** an area service already created here, without creating one (stop hooks) */
  existing<T>(key: string): T | undefined;
}

export interface AppEnv {
  app: App;
  env: Environment;
}

/** What server/index.ts makes the App from; `setIo` is its alone, called once the HTTP server is up. */
export interface AppParts {
  config: Config;
  db: Db;
  loginLimiter: LoginRateLimiter;
  setupToken: string | null;
  disconnectSockets: App['disconnectSockets'];
}

export function createApp(parts: AppParts): App & { setIo(io: IoServer): void } {
  let io: IoServer | null = null;
  const services = new Map<string, unknown>();
  return {
    config: parts.config,
    db: parts.db,
    loginLimiter: parts.loginLimiter,
    setup: { token: parts.setupToken },
    io: () => io,
    setIo: (server) => (io = server),
    disconnectSockets: parts.disconnectSockets,
    service: (key, create) => once(services, key, create),
  };
}

/** The one way an environment is made (server/environments/registry.ts): its services are its own. */
export function createEnvironment(app: App, engine: { name: string; url: string; docker: Docker; watcher: ContainerWatcher }): Environment {
  const services = new Map<string, unknown>();
  return {
    name: engine.name,
    url: engine.url,
    docker: engine.docker,
    watcher: engine.watcher,
    emit: (event, payload) => app.io()?.to(environmentRoom(engine.name)).emit(event, withEnv(engine.name, payload)),
    service: (key, create) => once(services, key, create),
    existing: <T>(key: string) => services.get(key) as T | undefined,
  };
}

function once<T>(map: Map<string, unknown>, key: string, create: () => T): T {
  if (!map.has(key)) map.set(key, create());
  return map.get(key) as T;
}

/** The room every socket bound to an environment joins at its handshake. */
export const environmentRoom = (name: string) => `containers:${name}`;

/** Every pushed object names the environment it came from, so a client never files it under another. */
function withEnv(env: string, payload: unknown): unknown {
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, env } : payload;
}

const KEY = Symbol.for('slipway.app-env');
type Holder = { [KEY]?: AppEnv };

export function publishDefault(ae: AppEnv) {
  (globalThis as Holder)[KEY] = ae;
}

/** The process's App with its default environment (route() picks another from `?env=`). */
export function defaultAppEnv(): AppEnv {
  const ae = (globalThis as Holder)[KEY];
  if (!ae) throw new Error('Slipway is not started: start the server with `npm start` (server/index.ts), not `next start`');
  return ae;
}
