// The audit log: every login (failed too), user and token change, and every action that changes something.
import type { Db } from '../store/db';
import type { AuditEntry } from '../contract';
import { roleAtLeast, type Principal } from '../auth/permissions';

export interface AuditInput {
  username: string | null;
  action: string;
  target?: string | null;
  result: AuditEntry['result'];
  detail?: string | Record<string, unknown> | null;
}

export function recordAudit(db: Db, e: AuditInput) {
  const detail = e.detail == null ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
  db.prepare('INSERT INTO audit_log (username, action, target, result, detail) VALUES (?, ?, ?, ?, ?)').run(
    e.username, e.action, e.target ?? null, e.result, detail?.slice(0, 4000) ?? null,
  );
}

/**
 * The newest entries as `viewer` may see them: an admin sees every detail; anyone else sees the details
 * of their own entries only (another user's command lines, addresses and errors are not theirs to read).
 */
export function listAudit(db: Db, limit: number, viewer: Principal): AuditEntry[] {
  const rows = db.prepare('SELECT id, at, username, action, target, result, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditEntry[];
  if (roleAtLeast(viewer.role, 'admin')) return rows;
  return rows.map((r) => (r.username === viewer.username ? r : { ...r, detail: null }));
}
