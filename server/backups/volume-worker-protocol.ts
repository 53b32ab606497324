// Messages between the server and the volume backup worker thread (volume-worker.ts).

export interface DumpJob {
  job: 'dump';
  /** how to reach the Engine API: a unix socket, or host and port */
  engine: { socketPath?: string; host?: string; port?: number };
  /** the helper container holding the volumes, and the path to archive in it */
  containerId: string;
  path: string;
  /** the `.partial` file to write */
  file: string;
  /** gzip level, 1 (fastest) to 9 */
  level: number;
  /** blocks compressed at once */
  threads: number;
  progressMs: number;
}

/** Reads a volume archive through: gzip and tar must both be intact to the last byte. */
export interface VerifyJob {
  job: 'verify';
  file: string;
}

/** PRAGMA integrity_check (quick_check above the size limit) of a SQLite backup, off the main thread. */
export interface SqliteCheckJob {
  job: 'sqlite-check';
  file: string;
  fullCheckMaxBytes: number;
}

export type VolumeWorkerIn = DumpJob | VerifyJob | SqliteCheckJob;

export type DumpResult = { type: 'dumped'; bytes: number; sha256: string; rawBytes: number; head: string };
export type VerifyResult = { type: 'verified'; files: number; entries: number; bytes: number };

export type SqliteCheckResult = { type: 'sqlite-checked'; summary: string; tables: number; rows: number };

export type VolumeWorkerOut = { type: 'progress'; bytes: number } | DumpResult | VerifyResult | SqliteCheckResult | { type: 'error'; message: string };

/** A verification's verdict and the counts it saw, kept in the backup's meta to compare later restore tests with. */
export interface VerifyOutcome {
  summary: string;
  /** postgres and sqlite: tables, rows; volume: files, bytes */
  counts: Record<string, number>;
}
