// API tokens for scripts: `Authorization: Bearer sw_...`, stored hashed, role-scoped.
import type { Db } from '../store/db';
import type { Role, TokenRow } from '../contract';
import type { Principal } from './permissions';
import { randomToken, sha256 } from './passwords';
import { HttpError } from '../http/errors';

interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
}

const toRow = (t: TokenRecord): TokenRow => ({
  id: t.id, name: t.name, role: t.role, createdBy: t.created_by, createdAt: t.created_at, lastUsedAt: t.last_used_at,
});

export function createToken(db: Db, name: string, role: Role, createdBy: string): { token: string; row: TokenRow } {
  const token = `sw_${randomToken(32)}`;
  const info = db.prepare('INSERT INTO api_tokens (name, token_hash, role, created_by) VALUES (?, ?, ?, ?)').run(name, sha256(token), role, createdBy);
  const row = db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(info.lastInsertRowid) as TokenRecord;
  return { token, row: toRow(row) };
}

export function listTokens(db: Db): TokenRow[] {
  return (db.prepare('SELECT * FROM api_tokens ORDER BY id').all() as TokenRecord[]).map(toRow);
}

export function revokeToken(db: Db, id: number): TokenRow {
  const row = db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRecord | undefined;
  if (!row) throw new HttpError(404, `no token ${id}`);
  db.prepare('DELETE FROM api_tokens WHERE id = ?').run(id);
  return toRow(row);
}

export function resolveBearer(db: Db, header: string | null | undefined): Principal | null {
  if (!header) return null;
  const m = /^Bearer\s+(sw_[A-Za-z0-9_-]{10,100})$/.exec(header.trim());
  if (!m) return null;
  const row = db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(sha256(m[1])) as TokenRecord | undefined;
  if (!row) return null;
  db.prepare("UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(row.id);
  return { username: `token:${row.name}`, role: row.role, via: 'token', tokenId: row.id };
}
