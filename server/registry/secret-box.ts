// Registry passwords at rest: AES-256-GCM with a key file beside the store (0600), created on first use.
// A copy of slipway.db alone does not reveal them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'registry-secrets.key';

function key(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  try {
    const k = fs.readFileSync(file);
    if (k.length === 32) return k;
  } catch {
    /* created below */
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const k = crypto.randomBytes(32);
  fs.writeFileSync(file, k, { mode: 0o600, flag: 'wx' });
  return k;
}

export function seal(dataDir: string, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key(dataDir), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function open(dataDir: string, sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1') throw new Error('unknown secret format');
  const d = crypto.createDecipheriv('aes-256-gcm', key(dataDir), Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
}
