// Reads and writes one file inside a container through the Engine API archive endpoints. These go
// through the container's own view of its filesystem, so the file may live in the image layer, a
// named volume or a bind mount alike, and the container needs no shell or tools for it.
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { execCollect, SHORT_EXEC } from '../docker/exec';

/** The file's content, or null when it does not exist. */
export async function readContainerFile(docker: Docker, containerId: string, file: string): Promise<string | null> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getContainer(containerId).getArchive({ path: file })) as unknown as NodeJS.ReadableStream;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return null;
    throw e;
  }
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let content: string | null = null;
    extract.on('entry', (header, body, next) => {
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => chunks.push(c as Buffer));
      body.on('end', () => {
        if (content === null && header.type === 'file') content = Buffer.concat(chunks).toString('utf8');
        next();
      });
      body.resume();
    });
    extract.on('finish', () => resolve(content));
    extract.on('error', reject);
    stream.pipe(extract as unknown as NodeJS.WritableStream);
  });
}

async function tarOf(name: string, content: string): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name, mode: 0o644, mtime: new Date() }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function exists(docker: Docker, containerId: string, file: string): Promise<boolean> {
  try {
    await docker.getContainer(containerId).infoArchive({ path: file });
    return true;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw e;
  }
}

/**
 * Writes the file. A new file is extracted from a tar entry. An existing one is written IN PLACE, on
 * the same inode: extracting over it would unlink and recreate it, which a single-file bind mount
 * refuses ("device or resource busy") and which would detach a directory mount's file from its
 * owner's editor. The content goes through `tee FILE` on stdin (tee opens the destination with O_TRUNC
 * and writes into it): one exec. Without tee, it goes to a scratch file first and `cp` copies it over.
 * Either way the result is read back and compared. Every Engine call counts here: a switch writes the
 * proxy's file while traffic waits on it, and on a loaded host each exec or archive call costs 100–400 ms.
 */
export async function writeContainerFile(docker: Docker, containerId: string, file: string, content: string): Promise<void> {
  const c = docker.getContainer(containerId);
  if (!(await exists(docker, containerId, file))) {
    await c.putArchive(await tarOf(path.posix.basename(file), content), { path: path.posix.dirname(file) });
    return;
  }
  const teed = await execCollect(docker, containerId, ['tee', file], { ...SHORT_EXEC, input: Readable.from([Buffer.from(content, 'utf8')]) }).catch((e: Error) => ({ code: 127, stderr: e.message }));
  if (teed.code === 0) return checkWritten(docker, containerId, file, content);
  if (teed.code !== 126 && teed.code !== 127) throw new Error(`could not write ${file} in place (tee exit ${teed.code}): ${teed.stderr.slice(0, 300)}`);
  await writeThroughScratch(docker, containerId, file, content);
  return checkWritten(docker, containerId, file, content);
}

/** Without tee: the content is extracted as a scratch file beside, then `cp` writes it into the file. */
async function writeThroughScratch(docker: Docker, containerId: string, file: string, content: string): Promise<void> {
  const c = docker.getContainer(containerId);
  const scratchName = `.slipway-write-${crypto.randomBytes(6).toString('hex')}`;
  let dir = '/tmp';
  try {
    await c.putArchive(await tarOf(scratchName, content), { path: dir });
  } catch {
    dir = path.posix.dirname(file); // no /tmp: next to the file (a bind-mounted file's directory is the container's own)
    await c.putArchive(await tarOf(scratchName, content), { path: dir });
  }
  const scratch = path.posix.join(dir, scratchName);
  try {
    let r = await execCollect(docker, containerId, ['cp', scratch, file], SHORT_EXEC).catch((e: Error) => ({ code: 127, output: e.message }));
    if (r.code === 126 || r.code === 127) r = await execCollect(docker, containerId, ['busybox', 'cp', scratch, file], SHORT_EXEC).catch((e: Error) => ({ code: 127, output: e.message }));
    if (r.code !== 0) throw new Error(`could not write ${file} in place (cp exit ${r.code}): ${r.output.slice(0, 300)}`);
  } finally {
    await execCollect(docker, containerId, ['rm', '-f', scratch], SHORT_EXEC).catch(() => undefined);
  }
}

async function checkWritten(docker: Docker, containerId: string, file: string, content: string): Promise<void> {
  const back = await readContainerFile(docker, containerId, file);
  if (back !== content) throw new Error(`${file} does not hold what was written (read back ${back === null ? 'nothing' : `${Buffer.byteLength(back)} bytes`})`);
}
