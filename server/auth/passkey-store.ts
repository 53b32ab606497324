// Passkeys (WebAuthn credentials) in the store: the credential id, its public key and signature counter.
import type { Db } from '../store/db';
import type { PasskeyRow } from '../contract';

interface PasskeyRecord {
  id: string;
  username: string;
  name: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface StoredPasskey {
  id: string;
  username: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export function listPasskeys(db: Db, username: string): PasskeyRow[] {
  return (db.prepare('SELECT * FROM passkeys WHERE username = ? ORDER BY created_at, id').all(username) as PasskeyRecord[]).map((r) => ({
    id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at,
  }));
}

export function findPasskey(db: Db, id: string): StoredPasskey | null {
  const r = db.prepare('SELECT * FROM passkeys WHERE id = ?').get(id) as PasskeyRecord | undefined;
  if (!r) return null;
  return { id: r.id, username: r.username, publicKey: new Uint8Array(r.public_key), counter: r.counter, transports: JSON.parse(r.transports) as string[] };
}

export function credentialIdsOf(db: Db, username: string): { id: string; transports: string[] }[] {
  return (db.prepare('SELECT id, transports FROM passkeys WHERE username = ?').all(username) as PasskeyRecord[]).map((r) => ({ id: r.id, transports: JSON.parse(r.transports) as string[] }));
}

export function addPasskey(db: Db, p: { id: string; username: string; name: string; publicKey: Uint8Array; counter: number; transports: string[] }) {
  db.prepare('INSERT INTO passkeys (id, username, name, public_key, counter, transports) VALUES (?, ?, ?, ?, ?, ?)').run(
    p.id, p.username, p.name, Buffer.from(p.publicKey), p.counter, JSON.stringify(p.transports),
  );
}

export function recordPasskeyUse(db: Db, id: string, counter: number) {
  db.prepare("UPDATE passkeys SET counter = ?, last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(counter, id);
}

/** Removes one of a user's passkeys; false when that user has no such passkey. */
export function removePasskey(db: Db, username: string, id: string): boolean {
  return db.prepare('DELETE FROM passkeys WHERE id = ? AND username = ?').run(id, username).changes === 1;
}
