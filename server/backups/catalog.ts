// The backups catalog in the store: one row per backup, whatever became of it.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db';
import type { BackupKind, BackupRecord, BackupStatus } from '../contract';

interface Row {
  id: number; target: string; kind: BackupKind; status: BackupStatus; size_bytes: number | null; sha256: string | null;
  file_name: string | null; started_at: string; dumped_at: string | null; finished_at: string | null;
  trigger: 'manual' | 'schedule'; username: string | null; error: string | null; verify: string | null; source: string | null; meta: string | null;
  proven_at?: string | null; proof?: string | null;
}

/** What a backup needs for its own restore: where it came from, beyond the public record. */
export interface BackupMeta {
  containerName?: string;
  database?: string;
  user?: string;
  path?: string;
  volumes?: string[];
  /** the environment the target lives in (server/environments); absent on rows of the default one from before */
  env?: string;
  /** what verification counted when the backup was made (tables/rows, files/bytes): later restore tests compare with it */
  counts?: Record<string, number>;
}

/** Which environment's rows a listing wants; rows without an environment belong to the default one. */
export interface CatalogEnv {
  name: string;
  defaultName: string;
}

/** `provenAt`/`proof`: the latest restore test (server/backups/prove.ts), kept out of the public record */
export type StoredBackup = BackupRecord & { meta: BackupMeta; provenAt: string | null; proof: string | null };

function toRecord(r: Row): StoredBackup {
  return {
    id: r.id, target: r.target, kind: r.kind, status: r.status, sizeBytes: r.size_bytes, sha256: r.sha256, fileName: r.file_name,
    startedAt: r.started_at, dumpedAt: r.dumped_at, finishedAt: r.finished_at, trigger: r.trigger, username: r.username,
    error: r.error, verify: r.verify, source: r.source, meta: r.meta ? (JSON.parse(r.meta) as BackupMeta) : {},
    provenAt: r.proven_at ?? null, proof: r.proof ?? null,
  };
}

export function publicRecord(b: StoredBackup): BackupRecord {
  const { meta: _meta, provenAt: _p, proof: _q, ...rest } = b;
  return rest;
}

export const now = () => new Date().toISOString();

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** The file of a backup, refusing anything that would resolve outside the backups directory. */
export function backupFilePath(dataDir: string, fileName: string): string {
  const dir = backupsDir(dataDir);
  const p = path.resolve(dir, fileName);
  if (path.dirname(p) !== dir) throw new Error(`refusing backup file outside ${dir}`);
  return p;
}

export function insertBackup(db: Db, b: { target: string; kind: BackupKind; trigger: 'manual' | 'schedule'; username: string | null; source: string; meta: BackupMeta }): number {
  const r = db
    .prepare("INSERT INTO backups (target, kind, status, trigger, username, source, meta, started_at) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)")
    .run(b.target, b.kind, b.trigger, b.username, b.source, JSON.stringify(b.meta), now());
  return Number(r.lastInsertRowid);
}

const COLUMNS: Record<string, string> = {
  status: 'status', sizeBytes: 'size_bytes', sha256: 'sha256', fileName: 'file_name', dumpedAt: 'dumped_at',
  finishedAt: 'finished_at', error: 'error', verify: 'verify',
};

export function updateBackup(db: Db, id: number, patch: Partial<Pick<BackupRecord, 'status' | 'sizeBytes' | 'sha256' | 'fileName' | 'dumpedAt' | 'finishedAt' | 'error' | 'verify'>>) {
  const keys = Object.keys(patch).filter((k) => k in COLUMNS);
  if (!keys.length) return;
  const sets = keys.map((k) => `${COLUMNS[k]} = ?`).join(', ');
  db.prepare(`UPDATE backups SET ${sets} WHERE id = ?`).run(...keys.map((k) => (patch as Record<string, unknown>)[k] ?? null), id);
}

export function setBackupCounts(db: Db, id: number, counts: Record<string, number>) {
  db.prepare("UPDATE backups SET meta = json_set(COALESCE(meta, '{}'), '$.counts', json(?)) WHERE id = ?").run(JSON.stringify(counts), id);
}

export function getBackup(db: Db, id: number): StoredBackup | undefined {
  const r = db.prepare('SELECT * FROM backups WHERE id = ?').get(id) as Row | undefined;
  return r && toRecord(r);
}

export function listBackups(db: Db, f: { target?: string; status?: BackupStatus; limit?: number; env?: CatalogEnv } = {}): StoredBackup[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.env) {
    // target names repeat across engines: a listing (and retention) only ever sees its own environment's
    where.push("COALESCE(json_extract(meta, '$.env'), ?) = ?");
    args.push(f.env.defaultName, f.env.name);
  }
  if (f.target) {
    where.push('target = ?');
    args.push(f.target);
  }
  if (f.status) {
    where.push('status = ?');
    args.push(f.status);
  }
  const sql = `SELECT * FROM backups ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, f.limit ?? 1000) as Row[]).map(toRecord);
}

export function deleteBackupRow(db: Db, id: number) {
  db.prepare('DELETE FROM backups WHERE id = ?').run(id);
}

/**
 * After a crash: rows still `running` belong to no process any more. They become `interrupted`, and
 * every `.partial` file goes (no backup runs yet at this point of the start).
 */
export function recoverInterrupted(db: Db, dataDir: string): { rows: number; files: number } {
  const rows = db.prepare("UPDATE backups SET status = 'interrupted', finished_at = ?, error = 'the server stopped while this backup ran' WHERE status = 'running'").run(now()).changes;
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let files = 0;
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.partial')) {
      fs.rmSync(path.join(dir, f), { force: true });
      files++;
    }
  }
  return { rows, files };
}
