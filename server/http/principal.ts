// Who is calling: a Bearer token first, else the session cookie.
import type { AppContext } from '../context';
import type { Principal } from '../auth/permissions';
import { resolveBearer } from '../auth/tokens';
import { readCookie, resolveSession, SESSION_COOKIE } from '../auth/sessions';

export function principalFrom(ctx: AppContext, headers: { get(name: string): string | null }): Principal | null {
  const auth = headers.get('authorization');
  if (auth) return resolveBearer(ctx.db, auth);
  return resolveSession(ctx.db, readCookie(headers.get('cookie'), SESSION_COOKIE));
}

export function clientIp(headers: { get(name: string): string | null }): string {
  // The custom server stamps the socket address on every request (x-slipway-remote), and only that is trusted.
  return headers.get('x-slipway-remote') ?? 'unknown';
}
