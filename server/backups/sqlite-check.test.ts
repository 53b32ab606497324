import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkSqliteFile } from './sqlite-check';

function makeDb(rows: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'swt-sqlite-')), 'app.db');
  const db = new Database(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v);');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`row-${i}`);
  })();
  db.close();
  return file;
}

describe('checkSqliteFile', () => {
  it('runs the full integrity_check up to the size limit, quick_check above it', () => {
    const file = makeDb(500);
    expect(checkSqliteFile(file, 1 << 30)).toEqual({ summary: 'integrity_check ok: 1 tables, 500 rows', tables: 1, rows: 500 });
    expect(checkSqliteFile(file, 1).summary).toBe('quick_check ok: 1 tables, 500 rows');
  });

  it('fails on a damaged file', () => {
    const file = makeDb(2000);
    const buf = fs.readFileSync(file);
    buf.fill(0x5a, 4096, 8192); // clobber a page past the header
    fs.writeFileSync(file, buf);
    expect(() => checkSqliteFile(file, 1 << 30)).toThrow();
  });
});
