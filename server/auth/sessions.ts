// Sessions: a random id in an httpOnly cookie; only its sha256 is stored, so a leaked
// database does not hand out live sessions.
import type { Db } from '../store/db';
import type { Role } from '../contract';
import type { Principal } from './permissions';
import { randomToken, sha256 } from './passwords';

export const SESSION_COOKIE = 'slipway_session';

export function createSession(db: Db, username: string, ttlSeconds: number): { id: string; expiresAt: number } {
  const id = randomToken(32);
  const now = Date.now();
  const expiresAt = now + ttlSeconds * 1000;
  db.prepare('INSERT INTO sessions (id_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)').run(sha256(id), username, now, expiresAt);
  return { id, expiresAt };
}

export function resolveSession(db: Db, id: string | undefined | null): Principal | null {
  if (!id || id.length > 200) return null;
  const hash = sha256(id);
  const row = db
    .prepare('SELECT s.username, s.expires_at, u.role FROM sessions s JOIN users u ON u.username = s.username WHERE s.id_hash = ?')
    .get(hash) as { username: string; expires_at: number; role: Role } | undefined;
  if (!row) return null;
  if (row.expires_at <= Date.now()) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hash);
    return null;
  }
  return { username: row.username, role: row.role, via: 'session', sessionHash: hash };
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
