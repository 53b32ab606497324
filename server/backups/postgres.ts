// PostgreSQL: `pg_dump -Fc` inside the database container (docker exec, argv only), verified by a
// restore into a scratch database on the same server, restored with `pg_restore --exit-on-error`.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type Docker from 'dockerode';
import { execCollect, execExitCode, execStart } from '../docker/exec';
import { DemuxStdout, HashTap } from './streams';
import type { VerifyOutcome } from './volume-worker-protocol';

export interface PgTarget {
  containerId: string;
  database: string;
  user: string;
}

/** Streams the dump into `sink` through `tap`; throws with pg_dump's own message on failure. */
export async function dumpPostgres(docker: Docker, t: PgTarget, tap: HashTap, sink: Writable): Promise<void> {
  const { exec, stream } = await execStart(docker, t.containerId, ['pg_dump', '-Fc', '-U', t.user, '-d', t.database]);
  const demux = new DemuxStdout();
  await pipeline(stream, demux, tap, sink);
  const code = await execExitCode(exec);
  if (code !== 0) throw new Error(`pg_dump exited with ${code}: ${demux.stderr.trim() || 'no message'}`);
  if (tap.head.subarray(0, 5).toString('latin1') !== 'PGDMP') throw new Error('pg_dump output is not a custom-format archive (no PGDMP header)');
}

// Every base table outside the system schemas, with its row count, one `schema.table|count` per line.
const COUNT_ROWS = `SELECT table_schema || '.' || table_name || '|' ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
  FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`;

export async function tableCounts(docker: Docker, containerId: string, user: string, database: string): Promise<Map<string, number>> {
  const r = await execCollect(docker, containerId, ['psql', '-U', user, '-d', database, '-AtX', '-v', 'ON_ERROR_STOP=1', '-c', COUNT_ROWS]);
  if (r.code !== 0) throw new Error(`counting rows failed: ${r.stderr.trim()}`);
  const out = new Map<string, number>();
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const i = line.lastIndexOf('|');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** pg_restore from a file through the exec's stdin; throws with its message unless it exits 0. */
export async function pgRestore(docker: Docker, containerId: string, user: string, database: string, file: string, extra: string[] = []): Promise<void> {
  const r = await execCollect(docker, containerId, ['pg_restore', '--exit-on-error', '--no-owner', '--no-acl', ...extra, '-U', user, '-d', database], {
    input: fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
  });
  if (r.code !== 0) throw new Error(`pg_restore exited with ${r.code}: ${r.stderr.trim() || 'no message'}`);
}

export async function createDatabase(docker: Docker, containerId: string, user: string, name: string): Promise<void> {
  const r = await execCollect(docker, containerId, ['createdb', '-U', user, name]);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `createdb exited with ${r.code}`);
}

export async function dropDatabase(docker: Docker, containerId: string, user: string, name: string): Promise<void> {
  const r = await execCollect(docker, containerId, ['dropdb', '--if-exists', '-U', user, name]);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `dropdb exited with ${r.code}`);
}

/**
 * Restores the dump into a scratch database on the same server, checks that every table of the
 * source came back and counts rows, then drops the scratch database whatever happened.
 */
export async function verifyPostgres(docker: Docker, t: PgTarget, file: string, backupId: number): Promise<VerifyOutcome> {
  const scratch = `slipway_verify_${backupId}`;
  await dropDatabase(docker, t.containerId, t.user, scratch);
  await createDatabase(docker, t.containerId, t.user, scratch);
  try {
    await pgRestore(docker, t.containerId, t.user, scratch, file);
    const restored = await tableCounts(docker, t.containerId, t.user, scratch);
    const source = await tableCounts(docker, t.containerId, t.user, t.database).catch(() => null);
    const missing = source ? [...source.keys()].filter((k) => !restored.has(k)) : [];
    // A table created after the dump started is not an error of the dump; a dump missing all of them is.
    if (source && source.size > 0 && restored.size === 0) throw new Error(`the restored copy has no tables (source has ${source.size})`);
    const rows = [...restored.values()].reduce((a, b) => a + b, 0);
    const summary = `restored into a scratch database: ${restored.size} tables, ${rows} rows${missing.length ? ` (tables created since: ${missing.slice(0, 5).join(', ')})` : ''}`;
    return { summary, counts: { tables: restored.size, rows } };
  } finally {
    await dropDatabase(docker, t.containerId, t.user, scratch).catch(() => undefined);
  }
}
