// The shape every area is written against (issue 16): one process-wide `App` and one `Environment`
// per engine, passed explicitly as `{ app, env }` to route handlers, socket handlers and area services.
// Nothing here is inherited through a prototype: an `Environment` holds only what belongs to one engine.
import type Docker from 'dockerode';
import type { Server as IoServer } from 'socket.io';
import type { Config } from './config';
import type { Db } from './store/db';
import type { ContainerWatcher } from './docker/container-watcher';
import type { LoginRateLimiter } from './auth/rate-limit';
import { singleton, type AppContext } from './context';

/** Process-wide services: one of each whatever the number of engines. */
export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly loginLimiter: LoginRateLimiter;
  /** the socket.io server once the HTTP server is up */
  io(): IoServer | null;
  /** ends every socket of a revoked session, token or changed user at once */
  disconnectSockets(filter: { sessionHash?: string; username?: string; tokenId?: number }): void;
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
}

export interface AppEnv {
  app: App;
  env: Environment;
}

/** The room every socket bound to an environment joins at its handshake. */
export const environmentRoom = (name: string) => `containers:${name}`;

/**
 * Bridges the older per-environment context to the explicit shape while areas move over; `url` comes
 * from the environment registry (the one record of each engine's URL).
 * The returned objects read through to the context; they never copy or write it.
 */
export function appEnvOf(ctx: AppContext, url: string): AppEnv {
  const app: App = {
    config: ctx.config,
    db: ctx.db,
    loginLimiter: ctx.loginLimiter,
    io: () => ctx.io,
    disconnectSockets: (f) => ctx.disconnectSockets(f),
  };
  const env: Environment = {
    name: ctx.env,
    url,
    docker: ctx.docker,
    watcher: ctx.watcher,
    emit: (event, payload) => emitToEnvironment(ctx, event, payload),
    service: (key, create) => singleton(ctx, key, create),
  };
  return { app, env };
}

/** Pushes to the sockets bound to `ctx`'s environment only (never `io.emit`: that reaches every engine's pages). */
export function emitToEnvironment(ctx: Pick<AppContext, 'io' | 'env'>, event: string, payload: unknown): void {
  ctx.io?.to(environmentRoom(ctx.env)).emit(event, withEnv(ctx.env, payload));
}

/** Every pushed object names the environment it came from, so a client never files it under another. */
function withEnv(env: string, payload: unknown): unknown {
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, env } : payload;
}
