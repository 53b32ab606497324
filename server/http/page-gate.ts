// Why: a signed-out visit to a dashboard page used to render the frame, fire its API queries, collect
// 401s and only then go to the sign-in page (issue 17.6). A browser navigation asking for HTML is
// answered here, before Next renders anything, with a redirect to /login that comes back afterwards.
import type { IncomingMessage } from 'node:http';
import type { Db } from '../store/db';
import { readCookie, resolveSession, SESSION_COOKIE } from '../auth/sessions';

/** Paths served without a session: sign-in, first-run setup, Next's assets, the API (its own 401s), sockets. */
const OPEN_PREFIXES = ['/login', '/setup', '/_next/', '/api/', '/socket.io', '/metrics'];

/** Where a signed-out page request goes instead, or null when it may proceed. */
export function signInRedirect(db: Db, req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  const pathname = url.split('?')[0];
  if (OPEN_PREFIXES.some((p) => pathname === p.replace(/\/$/, '') || pathname.startsWith(p))) return null;
  if (/\.[a-z0-9]+$/i.test(pathname)) return null; // icon.svg and other files
  // only a document navigation; Next's own data requests (RSC) keep their usual path
  if (!String(req.headers.accept ?? '').includes('text/html') || req.headers.rsc) return null;
  const session = resolveSession(db, readCookie(req.headers.cookie, SESSION_COOKIE));
  // an admin reset this user's password: the change-password form is the only page until it is changed
  if (session?.mustChangePassword) return pathname === '/account' ? null : '/account?password=1';
  if (session) return null;
  return `/login?next=${encodeURIComponent(url)}`;
}
