// Upload: the request body becomes the single entry of a tar, streamed into putArchive at the parent
// directory (the engine extracts it over an existing file). The engine's refusal (read-only root
// filesystem, a read-only volume, no such directory) comes back as a 4xx with its own reason.
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { HttpError } from '../http/errors';
import { statPath } from './archive-stat';
import { baseName, parentOf } from './file-paths';
import { inside, type FileSource } from './file-source';

/** The most one upload may carry. */
export const UPLOAD_LIMIT_BYTES = 1024 * 1024 * 1024;

export async function uploadFile(src: FileSource, p: string, body: ReadableStream<Uint8Array> | null, length: number): Promise<{ path: string; size: number; replaced: boolean }> {
  if (p === '/') throw new HttpError(400, 'path must name a file');
  if (!body && length > 0) throw new HttpError(400, 'no body');
  const parent = parentOf(p);
  const dir = await statPath(src.container, inside(src, parent));
  if (!dir) throw new HttpError(404, `no such directory ${parent} in ${src.label}`);
  if (dir.type !== 'directory') throw new HttpError(409, `${parent} is not a directory`);
  const existing = await statPath(src.container, inside(src, p));
  if (existing && existing.type !== 'file') throw new HttpError(409, `${p} is a ${existing.type}: only a regular file may be replaced`);
  const pack = tar.pack();
  const entry = pack.entry({ name: baseName(p), size: length, mode: existing ? existing.mode & 0o7777 : 0o644, mtime: new Date() }, (err) => {
    if (err) pack.destroy(err);
    else pack.finalize();
  });
  const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
  source.on('error', (e) => pack.destroy(e));
  source.pipe(entry as unknown as NodeJS.WritableStream);
  try {
    await src.container.putArchive(pack as unknown as NodeJS.ReadableStream, { path: inside(src, parent) });
  } catch (e) {
    const err = e as { statusCode?: number; json?: { message?: string }; message: string };
    const reason = err.json?.message ?? err.message;
    if (err.statusCode === 403 || err.statusCode === 400 || /read-only|readonly/i.test(reason)) throw new HttpError(409, `the engine refused the upload: ${reason}`);
    if (err.statusCode === 404) throw new HttpError(404, `the engine refused the upload: ${reason}`);
    throw e;
  }
  return { path: p, size: length, replaced: existing !== null };
}
