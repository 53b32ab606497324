// Test-side access to a server's store for what only time would do otherwise: a session whose last proof of
// its user is 11 minutes old, without waiting 11 minutes.
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

/** `sessionId`: the slipway_session cookie's value. Returns how many sessions changed (1 when found). */
export function ageReauth(dataDir: string, sessionId: string, minutes = 11): number {
  const db = new Database(path.join(dataDir, 'slipway.db'));
  try {
    const hash = crypto.createHash('sha256').update(sessionId).digest('hex');
    return db.prepare('UPDATE sessions SET reauth_at = ? WHERE id_hash = ?').run(Date.now() - minutes * 60_000, hash).changes;
  } finally {
    db.close();
  }
}
