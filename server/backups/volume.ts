// Volumes: the Engine API archive endpoint of a created-but-never-started helper container with the
// volumes mounted under /backup/NAME, gzip-compressed on the way to disk (no helper image to pull,
// no process started) by a worker thread of the server (volume-worker.ts says why). Verified by
// reading the archive through.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import type { AppEnv } from '../app';
import { createHelper } from './targets';
import { HashTap, looksLikeTar } from './streams';
import type { DumpResult, SqliteCheckResult, VerifyOutcome, VerifyResult, VolumeWorkerIn, VolumeWorkerOut } from './volume-worker-protocol';

export interface VolumeTarget {
  containerId: string | null;
  volumes: string[];
  stop: boolean;
  image: string;
}

export const mountOf = (volume: string) => `/backup/${volume}`;

/** Runs a job (archive → gzip → sha256 → file, or a read-through) in a worker thread. */
export function runWorker<R extends DumpResult | VerifyResult | SqliteCheckResult>(input: VolumeWorkerIn, onBytes?: (n: number) => void, timeoutMs?: number): Promise<R> {
  // Beside dist/server.js, the process's main script (scripts/build-server.mjs builds both). Not
  // __dirname: API routes run this code from Next's own bundle under .next/.
  const script = path.join(path.dirname(process.argv[1] ?? ''), 'backup-worker.js');
  if (!fs.existsSync(script)) return Promise.reject(new Error(`${script} is missing: run \`npm run build\``));
  return new Promise((resolve, reject) => {
    // A small heap: the worker holds streams and buffers, never much JS data.
    const worker = new Worker(script, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    // The time limit: a check or copy past it is stopped (the thread terminated) and fails.
    const timer = timeoutMs ? setTimeout(() => settle(() => reject(new Error(`the backup worker took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`))), timeoutMs) : null;
    timer?.unref();
    worker.once('exit', () => timer && clearTimeout(timer));
    worker.on('message', (m: VolumeWorkerOut) => {
      if (m.type === 'progress') onBytes?.(m.bytes);
      else if (m.type === 'error') settle(() => reject(new Error(m.message)));
      else settle(() => resolve(m as R));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the backup worker stopped (exit code ${code})`))));
  });
}

export async function dumpVolumes(ae: AppEnv, t: VolumeTarget, tap: HashTap, file: string): Promise<string> {
  const c = t.containerId ? ae.env.docker.getContainer(t.containerId) : null;
  const wasRunning = c && t.stop ? Boolean((await c.inspect()).State.Running) : false;
  if (wasRunning) await c!.stop({ t: 10 });
  try {
    const helper = await createHelper(ae, t.image, t.volumes.map((v) => `${v}:${mountOf(v)}:ro`));
    try {
      const modem = ae.env.docker.modem as { socketPath?: string; host?: string; port?: number };
      const r = await runWorker<DumpResult>(
        { job: 'dump', engine: { socketPath: modem.socketPath, host: modem.host, port: modem.port }, containerId: helper.id, path: '/backup', file, level: ae.app.config.SLIPWAY_BACKUP_GZIP_LEVEL, threads: ae.app.config.SLIPWAY_BACKUP_GZIP_THREADS, progressMs: 100 },
        (n) => tap.report(n),
      );
      if (!looksLikeTar(Buffer.from(r.head, 'latin1'))) throw new Error('the engine did not return a tar archive');
      tap.adopt(r.bytes, r.sha256);
      return `${t.volumes.join(', ')}: ${r.rawBytes} bytes of tar`;
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
  } finally {
    if (wasRunning) await c!.start();
  }
}

/** Reads the whole archive (in the worker thread): gzip and tar must both be intact to the last byte. */
export async function verifyVolumeArchive(file: string): Promise<VerifyOutcome> {
  const r = await runWorker<VerifyResult>({ job: 'verify', file });
  if (r.entries === 0) throw new Error('the archive holds no entry');
  return { summary: `archive read through: ${r.files} files, ${r.bytes} bytes`, counts: { files: r.files, bytes: r.bytes } };
}

/** Extracts a volume archive into the mounted volumes of a fresh helper (`binds` maps each volume to the /backup/NAME the archive names, a new volume under the old name). */
export async function putVolumeArchive(ae: AppEnv, file: string, image: string, binds: string[]): Promise<void> {
  const helper = await createHelper(ae, image, binds);
  try {
    const body = fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(zlib.createGunzip());
    await helper.putArchive(body as unknown as NodeJS.ReadableStream, { path: '/' });
  } finally {
    await helper.remove({ force: true }).catch(() => undefined);
  }
}
