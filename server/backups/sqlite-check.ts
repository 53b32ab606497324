// The integrity check of a SQLite backup, as run inside the backup worker thread (volume-worker.ts):
// a 579 MB database kept the main thread busy for 31 s when this ran there (issue 15).
// Up to `fullCheckMaxBytes` it is PRAGMA integrity_check; above, PRAGMA quick_check (linear in the
// file size: no index cross-check), so a huge file cannot hold the worker for long either.
import fs from 'node:fs';
import Database from 'better-sqlite3';

export function checkSqliteFile(file: string, fullCheckMaxBytes: number): { summary: string; tables: number; rows: number } {
  const size = fs.statSync(file).size;
  const pragma = size <= fullCheckMaxBytes ? 'integrity_check' : 'quick_check';
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma(pragma, { simple: true });
    if (result !== 'ok') throw new Error(`${pragma}: ${String(result)}`);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    let rows = 0;
    for (const t of tables) rows += (db.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return { summary: `${pragma} ok: ${tables.length} tables, ${rows} rows`, tables: tables.length, rows };
  } finally {
    db.close();
    // A WAL-mode copy opened read-only still gets -wal/-shm companions: they are not part of the backup.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}
