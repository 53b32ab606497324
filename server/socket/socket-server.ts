// socket.io on the same HTTP server (path /socket.io). The handshake checks Origin and the session
// (or a Bearer token in `auth.token`); every event re-reads its principal from the store and asks the
// permission function (onEvent), so a revoked token or session can do nothing more on an open socket.
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ZodTypeAny, z } from 'zod';
import { environmentRoom, type AppEnv } from '../app';
import { can, type Permission, type Principal } from '../auth/permissions';
import { isAllowedOrigin } from '../auth/origin';
import { readCookie, resolveSession, resolveSessionHash, SESSION_COOKIE } from '../auth/sessions';
import { resolveBearer, tokenPrincipal } from '../auth/tokens';
import { SOCKET_EVENTS, type ClientToServerEvents, type ServerToClientEvents } from '../contract';
import { isHttpError } from '../http/errors';
import { recordAudit } from '../audit/audit-log';
import { inEnvironment } from '../audit/audit-env';
import { environments } from '../environments/registry';
import { hostAllowed, hostPolicy } from '../http/allowed-hosts';

export interface SocketData {
  principal: Principal;
  /** the environment this connection works on (handshake `auth.env` or `?env=`; default the first) */
  env: string;
}

export type SlipwaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function handshakePrincipal(ae: AppEnv, req: http.IncomingMessage, authToken: unknown): Principal | null {
  if (typeof authToken === 'string') return resolveBearer(ae.app.db, `Bearer ${authToken}`);
  return resolveSession(ae.app.db, readCookie(req.headers.cookie, SESSION_COOKIE));
}

/**
 * `registerAreas` is passed in (index.ts gives register-area-handlers.ts): the areas import onEvent from
 * here, so importing them back would make an import cycle.
 */
export function createSocketServer(ae: AppEnv, server: http.Server, registerAreas: (ae: AppEnv, socket: Socket) => void): Server {
  const hosts = hostPolicy(ae.app.config);
  // typed by the contract's event maps (issue 16): what browsers emit, what this server pushes
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(server, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 1e6,
    // Refuse cross-origin handshakes before any upgrade (cross-site WebSocket hijacking).
    allowRequest: (req, cb) => {
      if (!hostAllowed(hosts, req.headers.host, req.headers['x-forwarded-host'])) return cb('host not allowed', false);
      // Only a request carrying the session cookie can be abused cross-site; token clients send none.
      const hasCookie = readCookie(req.headers.cookie, SESSION_COOKIE) !== null;
      const own = `${req.headers['x-forwarded-proto'] ?? 'http'}://${req.headers['x-forwarded-host'] ?? req.headers.host}`;
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      const sameSite = !origin && req.headers['sec-fetch-site'] === 'same-origin';
      if (hasCookie && !sameSite && !isAllowedOrigin(origin, own, ae.app.config.SLIPWAY_PUBLIC_ORIGIN)) return cb('origin not allowed', false);
      cb(null, true);
    },
  });

  io.use((socket, next) => {
    const principal = handshakePrincipal(ae, socket.request, socket.handshake.auth?.token);
    if (!principal) return next(new Error('unauthorized'));
    const env = socket.handshake.auth?.env ?? socket.handshake.query?.env;
    if (env !== undefined && (typeof env !== 'string' || !environments(ae).has(env))) return next(new Error(`unknown environment ${String(env).slice(0, 40)}`));
    (socket.data as SocketData).principal = principal;
    (socket.data as SocketData).env = environments(ae).appEnv(env as string | undefined).env.name;
    next();
  });

  io.on('connection', (socket) => {
    // One socket works on one environment: its area handlers get that environment.
    const bound = environments(ae).appEnv((socket.data as SocketData).env);
    void socket.join(environmentRoom(bound.env.name));
    socket.emit(SOCKET_EVENTS.engineStatus, bound.env.watcher.engine);
    registerAreas(bound, socket);
  });
  return io;
}

/** Pushes an environment's container changes and engine status to the sockets working on it. */
export function broadcastWatcher(ae: AppEnv) {
  ae.env.watcher.on('changed', (ev) => ae.env.emit(SOCKET_EVENTS.containerChanged, ev));
  ae.env.watcher.on('engine', (status) => {
    ae.env.emit(SOCKET_EVENTS.engineStatus, status);
    ae.app.io()?.emit(SOCKET_EVENTS.environmentStatus, { env: ae.env.name, ...status });
  });
}

/**
 * Registers one socket event: re-validates the session (it may have been revoked), asks the
 * permission function, parses the payload with zod, and answers through the ack with
 * `{ok: true, ...}` or `{ok: false, error, status}`. Handlers never throw into socket.io.
 */
export function onEvent<S extends ZodTypeAny>(
  ae: AppEnv,
  socket: Socket,
  event: string,
  permission: Permission,
  schema: S,
  handler: (payload: z.infer<S>, principal: Principal) => Promise<Record<string, unknown> | void>,
) {
  const listener = async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    const data = socket.data as SocketData;
    // The one gate: the principal is read again from the store before every event, token or session.
    const principal = currentPrincipal(ae, data.principal);
    if (!principal || principal.role !== data.principal.role) {
      // Revoked, expired, deleted or demoted: this connection is over (its shells and subscriptions end with it).
      reply({ ok: false, status: 401, error: principal ? 'your role changed: connect again' : 'session ended' });
      socket.disconnect(true);
      return;
    }
    if (principal.mustChangePassword) return reply({ ok: false, status: 403, error: 'choose a new password first: an admin reset yours', needs: 'password' });
    if (principal.mustEnrol) return reply({ ok: false, status: 403, error: 'set up two-factor authentication first', needs: 'enrolment' });
    if (!can(principal, permission)) {
      // A refused attempt (a viewer opening a shell, say) is worth knowing about.
      recordAudit(ae.app.db, { username: principal.username, action: `socket ${event}`, result: 'denied', detail: { role: principal.role }, env: ae.env.name });
      return reply({ ok: false, status: 403, error: `role ${principal.role} may not do this` });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, status: 400, error: parsed.error.issues[0]?.message ?? 'bad payload', issues: parsed.error.issues });
    try {
      reply({ ok: true, ...((await inEnvironment(ae.env.name, () => handler(parsed.data, principal))) ?? {}) });
    } catch (e) {
      if (isHttpError(e)) reply({ ok: false, status: e.status, error: e.message, ...e.extra });
      else {
        console.error(`[slipway] socket ${event} failed:`, e);
        reply({ ok: false, status: 500, error: 'internal error' });
      }
    }
  };
  // The permission travels with the listener: the security tests enumerate events from it (issue 15).
  socket.on(event, Object.assign(listener, { [EVENT_PERMISSION]: permission }));
}

/** The key under which every onEvent listener carries its permission. */
export const EVENT_PERMISSION = Symbol.for('slipway.socket.permission');

/** The principal as the store has it now, or null when its session or token no longer works. */
export function currentPrincipal(ae: AppEnv, p: Principal | undefined): Principal | null {
  if (!p) return null;
  if (p.via === 'token') return p.tokenId === undefined ? null : tokenPrincipal(ae.app.db, p.tokenId);
  return p.sessionHash ? refresh(ae, p) : null;
}

function refresh(ae: AppEnv, p: Principal): Principal | null {
  const now = resolveSessionHash(ae.app.db, p.sessionHash!);
  return now ? { ...p, ...now } : null;
}

/** Ends the sockets of a session, of a user (theirs and their tokens'), or of one token. */
export function disconnectMatching(io: Server | null, filter: { sessionHash?: string; username?: string; tokenId?: number }) {
  if (!io) return;
  for (const s of io.sockets.sockets.values()) {
    const p = (s.data as SocketData).principal;
    if (!p) continue;
    const hit =
      (filter.sessionHash !== undefined && p.sessionHash === filter.sessionHash) ||
      (filter.username !== undefined && (p.username === filter.username || p.createdBy === filter.username)) ||
      (filter.tokenId !== undefined && p.tokenId === filter.tokenId);
    if (hit) s.disconnect(true);
  }
}
