// Writes a store fixture with the current schema (server/store/fixtures/v<N>.db): users, tokens, a session,
// backups, switch history, an environment, audit rows. Run it once when a migration is added, BEFORE adding
// the migration, so the fixture is "a store written by the previous version" (issue 22):
//   (from the repo root) npx esbuild scripts/make-store-fixture.ts --bundle --platform=node --external:better-sqlite3 --outfile=node_modules/.cache/mk-fixture.js && node node_modules/.cache/mk-fixture.js
// The values are fixed and repeated literally in server/store/upgrade.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, openDb } from '../server/store/db';
import { createUser } from '../server/auth/users';
import { createToken } from '../server/auth/tokens';
import { insertBackup, updateBackup } from '../server/backups/catalog';
import { recordSwitch } from '../server/slots/history';
import { recordAudit } from '../server/audit/audit-log';

async function main() {
  const file = path.resolve(process.cwd(), 'server/store/fixtures', `v${MIGRATIONS.length}.db`);
  fs.rmSync(file, { force: true });
  const db = openDb(file);
  await createUser(db, 'fixture-admin', 'fixture-password-1', 'admin');
  await createUser(db, 'fixture-viewer', 'fixture-password-2', 'viewer');
  const { token } = createToken(db, 'fixture-token', 'operator', 'fixture-admin');
  const id = insertBackup(db, { target: 'fixture-db', kind: 'postgres', trigger: 'manual', username: 'fixture-admin', source: 'fixture-db', meta: { env: 'local' } as never });
  updateBackup(db, id, { status: 'verified', sizeBytes: 1234, sha256: 'ab'.repeat(32), fileName: 'fixture-db.dump' });
  recordSwitch(db, { group: 'fixture-group', username: 'fixture-admin', kind: 'switch', from: 'blue', to: 'green', image: null, result: 'ok', durationMs: 321, error: null, steps: [], samples: [] }, 'local');
  db.prepare('INSERT INTO environments (name, url, created_by) VALUES (?, ?, ?)').run('fixture-env', 'tcp://127.0.0.1:2376', 'fixture-admin');
  recordAudit(db, { username: 'fixture-admin', action: 'fixture.action', target: 'fixture-target', result: 'ok' });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  console.log(`${file}\ntoken: ${token}`);
}
void main();
