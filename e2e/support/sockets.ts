import { io, type Socket } from 'socket.io-client';

/** A socket.io client as a browser on `origin` would open it, carrying the session cookie. */
export function connectSocket(base: string, opts: { cookie?: string | null; origin?: string | null; token?: string; env?: string }): Promise<Socket> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const socket = io(base, { path: '/socket.io', transports: ['websocket'], extraHeaders: headers, auth: opts.token || opts.env ? { token: opts.token, env: opts.env } : undefined, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

export function emitAck<T = Record<string, unknown>>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}
