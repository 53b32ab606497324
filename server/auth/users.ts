// Users in the store: create, update, delete, and the admin bootstrap from the environment.
import type { Db } from '../store/db';
import type { Role, UserRow } from '../contract';
import { hashPassword, verifyPassword } from './passwords';
import { HttpError } from '../http/errors';

interface UserRecord {
  username: string;
  password_hash: string;
  role: Role;
  created_at: string;
  /** 'local', or 'oidc' for a user created by single sign-on (no usable password) */
  source: string;
  must_change_password: number;
}

export function findUser(db: Db, username: string): UserRecord | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRecord | undefined;
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare('SELECT username, role, created_at, source, must_change_password FROM users ORDER BY username').all() as UserRecord[]).map((u) => ({
    username: u.username,
    role: u.role,
    createdAt: u.created_at,
    source: u.source === 'oidc' ? 'oidc' : 'local',
    mustChangePassword: u.must_change_password === 1,
  }));
}

export async function createUser(db: Db, username: string, password: string, role: Role): Promise<UserRow> {
  if (findUser(db, username)) throw new HttpError(409, `user ${username} already exists`);
  const hash = await hashPassword(password);
  db.prepare('INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)').run(username, hash, role);
  return listUsers(db).find((u) => u.username === username)!;
}

function adminCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
}

export async function updateUser(db: Db, username: string, change: { password?: string; role?: Role }): Promise<UserRow> {
  const user = findUser(db, username);
  if (!user) throw new HttpError(404, `no user ${username}`);
  if (change.role && change.role !== 'admin' && user.role === 'admin' && adminCount(db) <= 1)
    throw new HttpError(409, 'cannot demote the last admin');
  const hash = change.password ? await hashPassword(change.password) : undefined;
  db.transaction(() => {
    if (hash) db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username);
    if (change.role) db.prepare('UPDATE users SET role = ? WHERE username = ?').run(change.role, username);
    // A changed password or role ends the user's sessions: they log in again with the new rights.
    db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
  })();
  return listUsers(db).find((u) => u.username === username)!;
}

export function deleteUser(db: Db, username: string) {
  const user = findUser(db, username);
  if (!user) throw new HttpError(404, `no user ${username}`);
  if (user.role === 'admin' && adminCount(db) <= 1) throw new HttpError(409, 'cannot delete the last admin');
  db.prepare('DELETE FROM users WHERE username = ?').run(username);
}

/** SLIPWAY_ADMIN_PASSWORD: user `admin` exists with this password and role admin after start. */
export async function ensureEnvAdmin(db: Db, password: string): Promise<'created' | 'updated' | 'unchanged'> {
  const user = findUser(db, 'admin');
  if (!user) {
    await createUser(db, 'admin', password, 'admin');
    return 'created';
  }
  const same = await verifyPassword(password, user.password_hash);
  if (same && user.role === 'admin') return 'unchanged';
  const hash = same ? user.password_hash : await hashPassword(password);
  db.prepare("UPDATE users SET password_hash = ?, role = 'admin' WHERE username = 'admin'").run(hash);
  return 'updated';
}
