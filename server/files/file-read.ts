// Listing and download through the archive endpoint. A directory's listing reads first-level tar
// headers only; a file is the single entry of its tar, piped out as it arrives; a folder is the tar itself.
// Symlinks are described, never followed.
import { PassThrough, type Readable } from 'node:stream';
import type { FileEntry } from '../contract';
import { HttpError } from '../http/errors';
import { statPath, type PathStat } from './archive-stat';
import { baseName, contentDisposition } from './file-paths';
import { inside, type FileSource } from './file-source';
import { listFirstLevel } from './tar-listing';
import { SingleFileEntry } from './single-entry';
import { TarFraming } from './tar-framing';

/**
 * In a volume, a symlinked folder on the way (`/link/x` with `link -> /etc`) would be resolved by the
 * engine inside the helper's own root, out of the volume: every ancestor must be a real directory.
 */
async function refuseLinkedAncestors(src: FileSource, p: string) {
  if (!src.root) return; // a container's links stay inside the container: the engine resolves them in its root
  const parts = p.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const ancestor = '/' + parts.slice(0, i).join('/');
    const s = await statPath(src.container, inside(src, ancestor));
    if (!s) throw new HttpError(404, `no such path ${p} in ${src.label}`);
    if (s.type === 'symlink') throw new HttpError(409, `${ancestor} is a symlink to ${s.linkTarget}; links are shown, never followed`, { linkTarget: s.linkTarget });
  }
}

export async function statOr404(src: FileSource, p: string): Promise<PathStat> {
  await refuseLinkedAncestors(src, p);
  const s = await statPath(src.container, inside(src, p));
  if (!s) throw new HttpError(404, `no such path ${p} in ${src.label}`);
  return s;
}

const notFollowed = (p: string, s: PathStat) => new HttpError(409, `${p} is a symlink to ${s.linkTarget}; links are shown, never followed`, { linkTarget: s.linkTarget });

async function archiveOf(src: FileSource, p: string): Promise<Readable> {
  try {
    return (await src.container.getArchive({ path: inside(src, p) })) as unknown as Readable;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no such path ${p} in ${src.label}`);
    throw e;
  }
}

export async function listFiles(src: FileSource, p: string): Promise<FileEntry[]> {
  const s = await statOr404(src, p);
  if (s.type === 'symlink') throw notFollowed(p, s);
  if (s.type !== 'directory') throw new HttpError(400, `${p} is not a directory: download it instead`);
  return listFirstLevel(await archiveOf(src, p));
}

/**
 * A folder's tar goes through as the engine sends it, its framing checked on the way (TarFraming): `out`
 * ends only after the end-of-archive block, so an engine that stops mid-archive (even with a clean end of
 * response) makes a failed transfer, not a short tar.
 */
function passCheckedTar(archive: Readable, out: PassThrough, fail: (e: Error) => void) {
  const framing = new TarFraming();
  archive.on('data', (chunk: Buffer) => {
    try {
      framing.consume(chunk);
    } catch (e) {
      return fail(e as Error);
    }
    if (!out.write(chunk)) {
      archive.pause();
      out.once('drain', () => archive.resume());
    }
  });
  archive.on('end', () => (framing.complete ? out.end() : fail(new Error('the archive ended before its end'))));
}

export interface Download {
  body: Readable;
  headers: Record<string, string>;
}

/**
 * The file or folder as a stream. Every failure after the first byte (the container removed, the engine
 * cutting the archive, a short entry) destroys the stream with an error, so the client sees a broken
 * transfer, never a clean short file.
 */
export async function downloadPath(src: FileSource, p: string): Promise<Download> {
  const s = await statOr404(src, p);
  if (s.type === 'symlink') throw notFollowed(p, s);
  if (s.type === 'other') throw new HttpError(409, `${p} is not a regular file or directory`);
  const archive = await archiveOf(src, p);
  const name = baseName(p) === '/' ? 'root' : baseName(p);
  // the file: its bytes sliced out of the tar as they pass; a folder: the tar, checked alongside
  let headerSeen: (size: number) => void = () => undefined;
  const out = s.type === 'file' ? new SingleFileEntry((h) => headerSeen(h.size)) : new PassThrough({ highWaterMark: 1024 * 1024 });
  const fail = (e: Error) => {
    archive.destroy();
    out.destroy(e);
  };
  const unwatch = src.watchGone(() => fail(new Error(`${src.label} was removed during the download`)));
  out.on('close', () => {
    unwatch();
    archive.destroy();
    void src.release();
  });
  archive.on('error', fail);
  archive.on('aborted', () => fail(new Error('the engine cut the archive')));
  if (s.type === 'directory') {
    passCheckedTar(archive, out as PassThrough, fail);
    return { body: out, headers: { 'content-type': 'application/x-tar', 'content-disposition': contentDisposition(`${name}.tar`) } };
  }
  // the answer waits for the file's header, so the size it announces is the size the engine is sending
  return new Promise<Download>((resolve, reject) => {
    headerSeen = (n) => {
      // Next sends streamed bodies chunked (dropping Content-Length), so the size also travels in
      // X-File-Size; a cut transfer then lacks chunked encoding's last chunk, which clients report as an error
      const size = String(n);
      resolve({ body: out, headers: { 'content-type': 'application/octet-stream', 'content-length': size, 'x-file-size': size, 'content-disposition': contentDisposition(name) } });
    };
    out.on('error', (e) => reject(new HttpError(502, `reading ${p} from ${src.label} failed: ${e.message}`)));
    // destroyed before the header (removed, cut): the request fails instead of hanging
    out.on('close', () => reject(new HttpError(502, `reading ${p} from ${src.label} was cut off`)));
    archive.pipe(out);
  });
}
