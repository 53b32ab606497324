// Sessions: a random id in an httpOnly cookie; only its sha256 is stored, so a leaked
// database does not hand out live sessions.
import type { Db } from '../store/db';
import type { Role } from '../contract';
import type { Principal } from './permissions';
import { randomToken, sha256 } from './passwords';

export const SESSION_COOKIE = 'slipway_session';

/** How a session proved its user: a password (with a TOTP code when the user has one), a passkey, or single sign-on. */
export type SignInMethod = 'password' | 'password+totp' | 'passkey' | 'oidc';

/** Signing in counts as a fresh authentication (reauthAt = now). */
export function createSession(db: Db, username: string, ttlSeconds: number, method: SignInMethod = 'password'): { id: string; expiresAt: number } {
  const id = randomToken(32);
  const now = Date.now();
  const expiresAt = now + ttlSeconds * 1000;
  db.prepare('INSERT INTO sessions (id_hash, username, created_at, expires_at, method, reauth_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(sha256(id), username, now, expiresAt, method, now, now);
  return { id, expiresAt };
}

/** The browser a new session signed in from (its User-Agent, cut to 300 characters), for the sessions list. */
export function noteSessionClient(db: Db, id: string, userAgent: string | null) {
  if (userAgent) db.prepare('UPDATE sessions SET user_agent = ? WHERE id_hash = ?').run(userAgent.slice(0, 300), sha256(id));
}

/** last_seen_at is written at most once a minute per session: a busy page costs no write per request. */
const TOUCH_EVERY_MS = 60_000;

interface SessionJoin {
  username: string;
  expires_at: number;
  method: SignInMethod;
  reauth_at: number | null;
  role: Role;
  totp_enabled: number;
  require2fa: string | null;
  last_seen_at: number | null;
  must_change_password: number;
}

const SESSION_JOIN = `SELECT s.username, s.expires_at, s.method, s.reauth_at, s.last_seen_at, u.role, u.totp_enabled, u.must_change_password,
  (SELECT value FROM sign_in_settings WHERE key = 'require2fa') AS require2fa
  FROM sessions s JOIN users u ON u.username = s.username WHERE s.id_hash = ?`;

/** A session by its stored hash, as the store has it now (also what a socket re-reads before every event). */
export function resolveSessionHash(db: Db, hash: string): Principal | null {
  const row = db.prepare(SESSION_JOIN).get(hash) as SessionJoin | undefined;
  if (!row) return null;
  if (row.expires_at <= Date.now()) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hash);
    return null;
  }
  // A role that must use a second factor, signed in with a password alone: only enrolment is open to it.
  const required = row.require2fa ? (JSON.parse(row.require2fa) as string[]) : [];
  const mustEnrol = row.method === 'password' && !row.totp_enabled && required.includes(row.role);
  const now = Date.now();
  if (row.last_seen_at === null || now - row.last_seen_at >= TOUCH_EVERY_MS) db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, hash);
  return {
    username: row.username, role: row.role, via: 'session', sessionHash: hash, method: row.method, reauthAt: row.reauth_at, mustEnrol,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Records a fresh proof of the user (password, TOTP or passkey) on this session. */
export function markReauthenticated(db: Db, hash: string, at = Date.now()) {
  db.prepare('UPDATE sessions SET reauth_at = ? WHERE id_hash = ?').run(at, hash);
}

/** After enrolling a second factor the session counts as signed in with it (enrolment gate lifted). */
export function upgradeSessionMethod(db: Db, hash: string, method: SignInMethod) {
  db.prepare('UPDATE sessions SET method = ? WHERE id_hash = ?').run(method, hash);
}

/** Ends every session of a user but one (a password change keeps the session that made it). */
export function revokeOtherSessions(db: Db, username: string, keepHash: string | undefined): number {
  return db.prepare('DELETE FROM sessions WHERE username = ? AND id_hash IS NOT ?').run(username, keepHash ?? null).changes;
}

export function resolveSession(db: Db, id: string | undefined | null): Principal | null {
  if (!id || id.length > 200) return null;
  return resolveSessionHash(db, sha256(id));
}

export function revokeSession(db: Db, idHash: string) {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}

export function pruneSessions(db: Db) {
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(Date.now());
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed value (`slipway_session=%`) is no session, never an uncaught URIError.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
