// Worker thread (bundled to dist/backup-worker.js) for volume backups. `dump`: reads a volume
// archive from the Engine API, gzips it (on `threads` thread-pool threads at once,
// parallel-gzip.ts), hashes it and writes it to the `.partial` file, reporting bytes as it goes.
// `verify`: reads a finished archive through (gunzip + tar). `sqlite-check`: a SQLite backup's
// integrity check (sqlite-check.ts), so a big database never stalls the server's event loop.
//
// Why a thread: a volume backup moves every byte through a dozen Buffers (socket reads, zlib
// output), and in the server's isolate that churn of external memory set off a full mark-compact of
// the server's ~50 MB heap every few megabytes: as much CPU as the compression itself. A worker's
// isolate holds almost nothing, so its collections are nearly free, and the server's event loop
// stays responsive during a backup. This file is its own bundle: node built-ins and tar-stream.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { Writable } from 'node:stream';
import * as tar from 'tar-stream';
import { ParallelGzip } from './parallel-gzip';
import type { DumpJob, DumpResult, SqliteCheckResult, VerifyJob, VerifyResult, VolumeWorkerIn, VolumeWorkerOut } from './volume-worker-protocol';
import { checkSqliteFile } from './sqlite-check';

const HEAD = 512;
const CHUNK = 1024 * 1024;

/** Counts (and optionally hashes) the bytes going through, keeping the first HEAD of them. */
class Meter extends Transform {
  bytes = 0;
  head = Buffer.alloc(0);
  private hash: crypto.Hash | null;
  constructor(hash: boolean, private onBytes?: (n: number) => void) {
    super({ highWaterMark: CHUNK });
    this.hash = hash ? crypto.createHash('sha256') : null;
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    if (this.head.length < HEAD) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD - this.head.length)]);
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }
  digest() {
    return this.hash!.digest('hex');
  }
}

function getArchive(input: DumpJob): Promise<http.IncomingMessage> {
  const target = input.engine.socketPath ? { socketPath: input.engine.socketPath } : { host: input.engine.host, port: input.engine.port };
  return new Promise((resolve, reject) => {
    const req = http.get({ ...target, path: `/containers/${encodeURIComponent(input.containerId)}/archive?path=${encodeURIComponent(input.path)}` }, (res) => {
      if (res.statusCode === 200) return resolve(res);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body = (body + d).slice(0, 2000)));
      res.on('end', () => reject(new Error(`the engine answered ${res.statusCode} for the archive: ${body.trim()}`)));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function dump(input: DumpJob): Promise<DumpResult> {
  let last = 0;
  const progress = (n: number) => {
    const t = Date.now();
    if (t - last < input.progressMs) return;
    last = t;
    parentPort!.postMessage({ type: 'progress', bytes: n } satisfies VolumeWorkerOut);
  };
  const archive = await getArchive(input);
  const raw = new Meter(false);
  const out = new Meter(true, progress);
  await pipeline(archive, raw, new ParallelGzip({ level: input.level, threads: input.threads, blockSize: CHUNK }), out, fs.createWriteStream(input.file, { highWaterMark: CHUNK }));
  return { type: 'dumped', bytes: out.bytes, sha256: out.digest(), rawBytes: raw.bytes, head: raw.head.toString('latin1') };
}

async function verify(input: VerifyJob): Promise<VerifyResult> {
  let files = 0;
  let entries = 0;
  let bytes = 0;
  const extract = tar.extract();
  const gunzip = fs.createReadStream(input.file, { highWaterMark: CHUNK }).pipe(zlib.createGunzip({ chunkSize: CHUNK }));
  gunzip.on('error', (e) => extract.destroy(e));
  gunzip.pipe(extract as unknown as Writable);
  for await (const entry of extract) {
    entries++;
    if (entry.header.type === 'file') files++;
    for await (const chunk of entry) bytes += (chunk as Buffer).length;
  }
  return { type: 'verified', files, entries, bytes };
}

const input = workerData as VolumeWorkerIn;
const run = (): Promise<VolumeWorkerOut> => {
  if (input.job === 'dump') return dump(input);
  if (input.job === 'verify') return verify(input);
  return Promise.resolve().then((): SqliteCheckResult => ({ type: 'sqlite-checked', ...checkSqliteFile(input.file, input.fullCheckMaxBytes) }));
};
run().then(
  (r) => parentPort!.postMessage(r),
  (e: Error) => parentPort!.postMessage({ type: 'error', message: e.message || String(e) } satisfies VolumeWorkerOut),
);
