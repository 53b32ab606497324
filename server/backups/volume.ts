// Volumes: the Engine API archive endpoint of a created-but-never-started helper container with the
// volumes mounted under /backup/NAME, gzip-compressed in the server on the way to disk (no helper
// image to pull, no process started). Verified by reading the archive through.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import type { AppContext } from '../context';
import { createHelper } from './targets';
import { HashTap, looksLikeTar } from './streams';

export interface VolumeTarget {
  containerId: string | null;
  volumes: string[];
  stop: boolean;
  image: string;
}

export const mountOf = (volume: string) => `/backup/${volume}`;

export async function dumpVolumes(ctx: AppContext, t: VolumeTarget, tap: HashTap, sink: Writable): Promise<string> {
  const c = t.containerId ? ctx.docker.getContainer(t.containerId) : null;
  const wasRunning = c && t.stop ? Boolean((await c.inspect()).State.Running) : false;
  if (wasRunning) await c!.stop({ t: 10 });
  try {
    const helper = await createHelper(ctx, t.image, t.volumes.map((v) => `${v}:${mountOf(v)}:ro`));
    try {
      const archive = (await helper.getArchive({ path: '/backup' })) as unknown as Readable;
      const raw = new HashTap(512, undefined, false);
      // Level 6 is what `tar czf` (gzip's default) uses; large chunks keep zlib's per-call overhead low.
      await pipeline(archive, raw, zlib.createGzip({ level: 6, chunkSize: 256 * 1024 }), tap, sink);
      if (!looksLikeTar(raw.head)) throw new Error('the engine did not return a tar archive');
      return `${t.volumes.join(', ')}: ${raw.bytes} bytes of tar`;
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
  } finally {
    if (wasRunning) await c!.start();
  }
}

/** Reads the whole archive: gzip and tar must both be intact to the last byte. */
export async function verifyVolumeArchive(file: string): Promise<string> {
  let files = 0;
  let entries = 0;
  let bytes = 0;
  const extract = tar.extract();
  const gunzip = fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(zlib.createGunzip());
  gunzip.on('error', (e) => extract.destroy(e));
  gunzip.pipe(extract as unknown as Writable);
  for await (const entry of extract) {
    entries++;
    if (entry.header.type === 'file') files++;
    for await (const chunk of entry) bytes += (chunk as Buffer).length;
  }
  if (entries === 0) throw new Error('the archive holds no entry');
  return `archive read through: ${files} files, ${bytes} bytes`;
}

/** Extracts a volume archive into the mounted volumes of a fresh helper (`binds` maps each volume to the /backup/NAME the archive names, a new volume under the old name). */
export async function putVolumeArchive(ctx: AppContext, file: string, image: string, binds: string[]): Promise<void> {
  const helper = await createHelper(ctx, image, binds);
  try {
    const body = fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(zlib.createGunzip());
    await helper.putArchive(body as unknown as NodeJS.ReadableStream, { path: '/' });
  } finally {
    await helper.remove({ force: true }).catch(() => undefined);
  }
}
