// Who is calling: a Bearer token first, else the session cookie.
import type { App } from '../app';
import type { Principal } from '../auth/permissions';
import { resolveBearer } from '../auth/tokens';
import { readCookie, resolveSession, SESSION_COOKIE } from '../auth/sessions';

export function principalFrom(app: App, headers: { get(name: string): string | null }): Principal | null {
  const auth = headers.get('authorization');
  if (auth) return resolveBearer(app.db, auth);
  return resolveSession(app.db, readCookie(headers.get('cookie'), SESSION_COOKIE));
}

export function clientIp(headers: { get(name: string): string | null }): string {
  // The custom server stamps the socket address on every request (x-slipway-remote), and only that is trusted.
  return headers.get('x-slipway-remote') ?? 'unknown';
}
