// API tokens for scripts: `Authorization: Bearer sw_...`, stored hashed, role-scoped.
// A token lives no longer than its creator's account: it dies when the creator is deleted, never acts
// above the creator's current role, and stops at its optional expiry.
import type { Db } from '../store/db';
import type { Role, TokenRow } from '../contract';
import { roleAtLeast, type Principal } from './permissions';
import { randomToken, sha256 } from './passwords';
import { HttpError } from '../http/errors';

interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

const toRow = (t: TokenRecord): TokenRow => ({
  id: t.id, name: t.name, role: t.role, createdBy: t.created_by, createdAt: t.created_at, lastUsedAt: t.last_used_at, expiresAt: t.expires_at,
});

export function createToken(db: Db, name: string, role: Role, createdBy: string, expiresAt: string | null = null): { token: string; row: TokenRow } {
  if (expiresAt !== null && Date.parse(expiresAt) <= Date.now()) throw new HttpError(400, 'invalid body parameter expiresAt: must lie in the future');
  const creator = db.prepare('SELECT role FROM users WHERE username = ?').get(createdBy) as { role: Role } | undefined;
  if (!creator) throw new HttpError(403, 'tokens are created on behalf of an existing user');
  if (!roleAtLeast(creator.role, role)) throw new HttpError(403, `a ${creator.role} cannot create a ${role} token`);
  const token = `sw_${randomToken(32)}`;
  const info = db
    .prepare('INSERT INTO api_tokens (name, token_hash, role, created_by, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(name, sha256(token), role, createdBy, expiresAt === null ? null : new Date(expiresAt).toISOString());
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

/** Deletes every token a user created (the user is being deleted); returns their ids. */
export function revokeTokensOf(db: Db, username: string): number[] {
  const ids = (db.prepare('SELECT id FROM api_tokens WHERE created_by = ?').all(username) as { id: number }[]).map((r) => r.id);
  db.prepare('DELETE FROM api_tokens WHERE created_by = ?').run(username);
  return ids;
}

/** The ids of a user's tokens (their sockets end when the user's rights change). */
export function tokenIdsOf(db: Db, username: string): number[] {
  return (db.prepare('SELECT id FROM api_tokens WHERE created_by = ?').all(username) as { id: number }[]).map((r) => r.id);
}

const LIVE_TOKEN = `SELECT t.*, u.role AS creator_role FROM api_tokens t JOIN users u ON u.username = t.created_by`;

function principalOf(row: (TokenRecord & { creator_role: Role }) | undefined, now: number): Principal | null {
  if (!row) return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now) return null;
  // never above what its creator may do today (a demoted admin's tokens are demoted with them)
  const role = roleAtLeast(row.creator_role, row.role) ? row.role : row.creator_role;
  return { username: `token:${row.name}`, role, via: 'token', tokenId: row.id, createdBy: row.created_by };
}

export function resolveBearer(db: Db, header: string | null | undefined): Principal | null {
  if (!header) return null;
  const m = /^Bearer\s+(sw_[A-Za-z0-9_-]{10,100})$/.exec(header.trim());
  if (!m) return null;
  const row = db.prepare(`${LIVE_TOKEN} WHERE t.token_hash = ?`).get(sha256(m[1])) as (TokenRecord & { creator_role: Role }) | undefined;
  const principal = principalOf(row, Date.now());
  if (principal) db.prepare("UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(principal.tokenId);
  return principal;
}

/** The token's principal as of now (a socket re-checks this on every event), or null when it no longer works. */
export function tokenPrincipal(db: Db, tokenId: number): Principal | null {
  return principalOf(db.prepare(`${LIVE_TOKEN} WHERE t.id = ?`).get(tokenId) as (TokenRecord & { creator_role: Role }) | undefined, Date.now());
}
