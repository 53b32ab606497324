// Types and zod schemas for the backups area (HTTP bodies and socket events), shared by client and server.
import { z } from 'zod';

export const BACKUP_KINDS = ['postgres', 'sqlite', 'volume'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUP_STATUSES = ['running', 'succeeded', 'verified', 'failed', 'interrupted'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export interface BackupRecord {
  id: number;
  /** container name, or `volume:NAME` */
  target: string;
  kind: BackupKind;
  status: BackupStatus;
  sizeBytes: number | null;
  sha256: string | null;
  fileName: string | null;
  startedAt: string;
  /** when the dump was complete on disk (before verification) */
  dumpedAt: string | null;
  finishedAt: string | null;
  trigger: 'manual' | 'schedule';
  username: string | null;
  error: string | null;
  /** what verification found, e.g. "3 tables, 250 rows" */
  verify: string | null;
  /** postgres: database; sqlite: path; volume: volume names */
  source: string | null;
}

export interface BackupTarget {
  target: string;
  kind: BackupKind;
  containerId: string | null;
  state: string | null;
  source: string;
  schedule: string | null;
  scheduleError: string | null;
  nextRun: string | null;
  retain: number | null;
  last: Pick<BackupRecord, 'id' | 'status' | 'finishedAt' | 'startedAt' | 'error'> | null;
  running: number | null;
  /** issue 18.5: `slipway.backup.verify` (default weekly) and the next restore test */
  verifySchedule?: string;
  verifyNextRun?: string | null;
  verifyScheduleError?: string | null;
  /** when the newest backup proven restorable passed its restore test; null: never */
  lastProvenAt?: string | null;
  /** the latest restore test, passed or not */
  lastProof?: BackupProof | null;
}

/** One restore test of a target's newest verified backup. */
export interface BackupProof {
  ok: boolean;
  at: string;
  backupId: number;
  detail: string;
  counts?: Record<string, number>;
}

/** The default of `slipway.backup.verify`: weekly, Sunday 03:30. */
export const DEFAULT_VERIFY_SCHEDULE = '30 3 * * 0';

export interface BackupProgressEvent {
  id: number;
  target: string;
  bytes: number;
  status: BackupStatus;
  phase: 'dumping' | 'verifying' | 'done';
}

export const BACKUP_EVENTS = {
  /** `{id, target, bytes, status, phase}` several times a second while a backup runs */
  progress: 'backups:progress',
  /** `BackupRecord` whenever a backup row changes (created, finished, verified, deleted with `deleted: true`) */
  changed: 'backups:changed',
} as const;

// ---- names: no path separators, no `..`, nothing a shell or a path could misread ----
const dockerName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const noDots = (v: string) => !v.includes('..');
export const volumeName = z.string().regex(dockerName, 'not a volume name').refine(noDots, 'not a volume name');
/** a container name carrying `slipway.backup`, or `volume:NAME` */
export const backupTarget = z
  .string()
  .max(140)
  .refine((v) => {
    const name = v.startsWith('volume:') ? v.slice('volume:'.length) : v;
    return dockerName.test(name) && noDots(name);
  }, 'target must be a container name or volume:NAME');
/** PostgreSQL identifiers Slipway will create or restore into: plain, unquoted-safe names */
export const databaseName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/, 'database name: letters, digits, _ (max 63), not starting with a digit');

export const createBackupBody = z.object({ target: backupTarget });
export const backupIdParam = z.object({ id: z.coerce.number().int().positive() });
export const backupListQuery = z.object({
  target: backupTarget.optional(),
  status: z.enum(BACKUP_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const restoreBackupBody = z.discriminatedUnion('mode', [
  /** into the database / file / volume it came from; `confirm` must repeat its name */
  z.object({ mode: z.literal('same'), confirm: z.string().min(1).max(200) }),
  /** postgres: a new database; sqlite or volume: a new volume */
  z.object({ mode: z.literal('new'), database: databaseName.optional(), volume: volumeName.optional() }),
]);
export type RestoreBackupBody = z.infer<typeof restoreBackupBody>;

export const proveTargetBody = z.object({ target: z.string().trim().min(1).max(300) });

/** A backup as the API lists it: the record plus the bytes written so far while it runs. */
export type BackupView = BackupRecord & { progressBytes: number | null };

/** `backups:changed`: a backup row changed, or (`deleted: true`) it is gone. */
export type BackupChangedEvent = BackupRecord | { id: number; target: string; deleted: true };

/** What a restore did: where the data went and what verification found there. */
export interface RestoreResult {
  id: number;
  target: string;
  kind: BackupKind;
  /** the database, file or volume restored into */
  into: string;
  detail: string;
}
