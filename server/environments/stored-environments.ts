// Environments an admin added on the settings page, kept in SQLite (name and URL only: TLS material
// and SSH keys stay in files under SLIPWAY_TLS_DIR).
import type { Db } from '../store/db';
import type { EnvironmentSpec } from './environment-spec';

export function storedEnvironments(db: Db): EnvironmentSpec[] {
  const rows = db.prepare('SELECT name, url FROM environments ORDER BY created_at, name').all() as { name: string; url: string }[];
  return rows.map((r) => ({ ...r, source: 'settings' as const }));
}

export function storeEnvironment(db: Db, spec: { name: string; url: string }, username: string) {
  db.prepare('INSERT INTO environments (name, url, created_by) VALUES (?, ?, ?)').run(spec.name, spec.url, username);
}

export function deleteStoredEnvironment(db: Db, name: string) {
  db.prepare('DELETE FROM environments WHERE name = ?').run(name);
}
