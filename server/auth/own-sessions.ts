// A signed-in user's own sessions: list them (which browser, since when, last seen) and end one.
// Sessions are named by a public id derived from the stored hash, so the list never hands out the key
// the store looks sessions up by.
import type { App } from '../app';
import type { OwnSession } from '../contract';
import type { Principal } from './permissions';
import { HttpError } from '../http/errors';
import { sha256 } from './passwords';
import { recordAudit } from '../audit/audit-log';

interface SessionRecord {
  id_hash: string;
  created_at: number;
  expires_at: number;
  method: string | null;
  user_agent: string | null;
  last_seen_at: number | null;
}

const publicId = (idHash: string) => sha256(`session:${idHash}`).slice(0, 24);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function sessionsOf(app: App, p: Principal): SessionRecord[] {
  if (p.via !== 'session' || !p.sessionHash) throw new HttpError(400, 'an API token has no sessions; sign in to see yours');
  return app.db
    .prepare('SELECT id_hash, created_at, expires_at, method, user_agent, last_seen_at FROM sessions WHERE username = ? AND expires_at > ? ORDER BY coalesce(last_seen_at, created_at) DESC')
    .all(p.username, Date.now()) as SessionRecord[];
}

export function listOwnSessions(app: App, p: Principal): OwnSession[] {
  return sessionsOf(app, p).map((s) => ({
    id: publicId(s.id_hash),
    current: s.id_hash === p.sessionHash,
    method: s.method ?? 'password',
    userAgent: s.user_agent,
    createdAt: iso(s.created_at)!,
    lastSeenAt: iso(s.last_seen_at ?? s.created_at)!,
    expiresAt: iso(s.expires_at)!,
  }));
}

/** Ends one of the caller's own sessions (not the current one: that is signing out) and its sockets. */
export function revokeOwnSession(app: App, p: Principal, id: string): void {
  const s = sessionsOf(app, p).find((r) => publicId(r.id_hash) === id);
  if (!s) throw new HttpError(404, 'no such session of yours');
  if (s.id_hash === p.sessionHash) throw new HttpError(400, 'this is the session you are using: sign out instead');
  app.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(s.id_hash);
  app.disconnectSockets({ sessionHash: s.id_hash });
  recordAudit(app.db, { username: p.username, action: 'session.revoke', target: p.username, result: 'ok', detail: { session: id, userAgent: s.user_agent } });
}
