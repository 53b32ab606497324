// Registry credentials: those added by admins (password sealed at rest, server/registry/secret-box.ts)
// win over a Docker config.json named by SLIPWAY_DOCKER_CONFIG (its `auths`, read at each lookup so a
// `docker login` elsewhere is picked up).
import fs from 'node:fs';
import path from 'node:path';
import type { RegistryCredentialView } from '../contract';
import type { Db } from '../store/db';
import { open, seal } from './secret-box';

export interface Credential {
  username: string;
  password: string;
}

/** the key file lives beside the store (SLIPWAY_DATA_DIR) */
const dataDirOf = (db: Db) => path.dirname(db.name);

function aliases(registry: string): string[] {
  return registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io'] : [registry, `https://${registry}`, `http://${registry}`];
}

function fromDockerConfig(registry: string): Credential | null {
  const file = process.env.SLIPWAY_DOCKER_CONFIG;
  if (!file) return null;
  let auths: Record<string, { auth?: string; username?: string; password?: string }>;
  try {
    auths = (JSON.parse(fs.readFileSync(file, 'utf8')) as { auths?: typeof auths }).auths ?? {};
  } catch {
    return null;
  }
  for (const name of aliases(registry)) {
    const a = auths[name] ?? auths[`${name}/`];
    if (!a) continue;
    if (a.username && a.password) return { username: a.username, password: a.password };
    if (a.auth) {
      const plain = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = plain.indexOf(':');
      if (i > 0) return { username: plain.slice(0, i), password: plain.slice(i + 1) };
    }
  }
  return null;
}

export function authFor(db: Db, registry: string): Credential | null {
  const row = db.prepare('SELECT username, secret FROM registry_credentials WHERE registry = ?').get(registry) as { username: string; secret: string } | undefined;
  if (row) {
    try {
      return { username: row.username, password: open(dataDirOf(db), row.secret) };
    } catch {
      return null; // key file replaced: the credential must be entered again
    }
  }
  return fromDockerConfig(registry);
}

export function saveCredential(db: Db, registry: string, username: string, password: string, by: string) {
  db.prepare(
    `INSERT INTO registry_credentials (registry, username, secret, created_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(registry) DO UPDATE SET username = excluded.username, secret = excluded.secret, created_by = excluded.created_by, created_at = CURRENT_TIMESTAMP`,
  ).run(registry, username, seal(dataDirOf(db), password), by);
}

export function deleteCredential(db: Db, registry: string): boolean {
  return db.prepare('DELETE FROM registry_credentials WHERE registry = ?').run(registry).changes > 0;
}

export function listCredentials(db: Db): RegistryCredentialView[] {
  const stored = (db.prepare('SELECT registry, username, created_at FROM registry_credentials ORDER BY registry').all() as { registry: string; username: string; created_at: string }[]).map(
    (r): RegistryCredentialView => ({ registry: r.registry, username: r.username, source: 'admin', createdAt: r.created_at }),
  );
  const file = process.env.SLIPWAY_DOCKER_CONFIG;
  if (file) {
    try {
      const auths = (JSON.parse(fs.readFileSync(file, 'utf8')) as { auths?: Record<string, unknown> }).auths ?? {};
      for (const host of Object.keys(auths)) {
        const registry = host.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
        const c = fromDockerConfig(registry);
        if (c && !stored.some((s) => s.registry === registry)) stored.push({ registry, username: c.username, source: 'docker-config', createdAt: null });
      }
    } catch {
      /* unreadable config: nothing from it */
    }
  }
  return stored;
}
