// Real backup sources for the backups tests and bench: a PostgreSQL container with data, an SQLite app,
// volumes with files. Everything is labelled slipway.test=1 and named uniquely; callers remove it.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { docker } from '../support/containers';
import { waitFor } from '../support/http';

export const PG_IMAGE = 'slipway/postgres:1';
export const SQLITE_IMAGE = 'slipway/nginx:1';
export const BUSYBOX = 'slipway/busybox:1';

export const uid = () => crypto.randomBytes(3).toString('hex');
export const randomPort = () => 20000 + Math.floor(Math.random() * 10000);

export function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

export async function createContainer(o: { name: string; image: string; cmd?: string[]; env?: string[]; labels?: Record<string, string>; binds?: string[]; entrypoint?: string[] }) {
  const c = await docker.createContainer({
    name: o.name, Image: o.image, Cmd: o.cmd, Entrypoint: o.entrypoint, Env: o.env, StopSignal: o.image === PG_IMAGE ? 'SIGINT' : 'SIGKILL',
    Labels: { 'slipway.test': '1', ...o.labels },
    HostConfig: { NetworkMode: 'host', Binds: o.binds },
  });
  await c.start();
  return c;
}

/** A PostgreSQL container (user app, database appdb unless told) listening on 127.0.0.1:port, ready. */
export async function startPostgres(name: string, labels: Record<string, string>, db = 'appdb') {
  const port = randomPort();
  await createContainer({ name, image: PG_IMAGE, env: ['POSTGRES_USER=app', 'POSTGRES_PASSWORD=pw', `POSTGRES_DB=${db}`, `PGPORT=${port}`], labels: { 'slipway.backup': 'postgres', ...labels } });
  // Ready means the real server on TCP: on first start the entrypoint runs a temporary server on the unix
  // socket only (for initdb's setup) and then stops it, so a socket answer alone can come from that one.
  await waitFor(async () => {
    try {
      const tcp = ['exec', '-e', 'PGPASSWORD=pw', name, 'psql', '-h', '127.0.0.1', '-p', String(port), '-U', 'app', '-d', db, '-AtX', '-c', 'SELECT 1'];
      return sh('docker', tcp).trim() === '1';
    } catch {
      return false;
    }
  }, `postgres ${name} ready`, 60_000, 250);
  return { name, port };
}

export function psql(container: string, db: string, sql: string): string {
  return sh('docker', ['exec', container, 'psql', '-U', 'app', '-d', db, '-AtX', '-v', 'ON_ERROR_STOP=1', '-c', sql]).trim();
}

/** Runs a throwaway busybox with volumes mounted and returns its stdout. */
export function busybox(binds: string[], script: string): string {
  return sh('docker', ['run', '--rm', '--network', 'host', '--label', 'slipway.test=1', ...binds.flatMap((b) => ['-v', b]), BUSYBOX, 'sh', '-c', script]);
}

export async function removeAll(containers: string[], volumes: string[]) {
  for (const c of containers) await docker.getContainer(c).remove({ force: true }).catch(() => undefined);
  for (const v of volumes) await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
}
