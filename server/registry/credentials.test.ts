// Credentials: a Docker config.json (SLIPWAY_DOCKER_CONFIG) and admin-added ones sealed at rest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../store/db';
import { authFor, deleteCredential, listCredentials, saveCredential } from './credentials';

const dirs: string[] = [];
afterEach(() => {
  delete process.env.SLIPWAY_DOCKER_CONFIG;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-cred-'));
  dirs.push(dir);
  return { dir, db: openDb(path.join(dir, 'slipway.db')) };
}

describe('registry credentials', () => {
  it('reads auths of a Docker config.json (auth field and username/password, Docker Hub aliases)', () => {
    const { dir, db } = setup();
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ auths: {
      'reg.example.com:5000': { auth: Buffer.from('alice:s3cr:et').toString('base64') },
      'https://index.docker.io/v1/': { username: 'bob', password: 'hub-pass' },
    } }));
    process.env.SLIPWAY_DOCKER_CONFIG = file;
    expect(authFor(db, 'reg.example.com:5000')).toEqual({ username: 'alice', password: 's3cr:et' });
    expect(authFor(db, 'docker.io')).toEqual({ username: 'bob', password: 'hub-pass' });
    expect(authFor(db, 'other.example.com')).toBeNull();
    expect(listCredentials(db).map((c) => [c.registry, c.source])).toContainEqual(['reg.example.com:5000', 'docker-config']);
  });

  it('stores admin-added passwords sealed, prefers them, never lists them', () => {
    const { dir, db } = setup();
    saveCredential(db, 'reg.example.com', 'carol', 'plain-password-123', 'admin');
    const row = db.prepare('SELECT secret FROM registry_credentials WHERE registry = ?').get('reg.example.com') as { secret: string };
    expect(row.secret).not.toContain('plain-password-123');
    expect(fs.readFileSync(path.join(dir, 'slipway.db')).includes(Buffer.from('plain-password-123'))).toBe(false);
    expect(authFor(db, 'reg.example.com')).toEqual({ username: 'carol', password: 'plain-password-123' });
    expect(JSON.stringify(listCredentials(db))).not.toContain('plain-password-123');
    // a key file that no longer matches: the credential must be entered again, never garbage
    fs.writeFileSync(path.join(dir, 'registry-secrets.key'), Buffer.alloc(32, 7));
    expect(authFor(db, 'reg.example.com')).toBeNull();
    expect(deleteCredential(db, 'reg.example.com')).toBe(true);
    expect(deleteCredential(db, 'reg.example.com')).toBe(false);
  });
});
