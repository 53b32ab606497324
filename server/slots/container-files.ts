// Reads and writes one file inside a container through the Engine API archive endpoints. These go
// through the container's own view of its filesystem, so the file may live in the image layer, a
// named volume or a bind mount alike, and the container needs no shell or tools for it.
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';

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

/** Replaces (or creates) the file with the content, as one tar entry extracted into its directory. */
export async function writeContainerFile(docker: Docker, containerId: string, file: string, content: string): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: path.posix.basename(file), mode: 0o644, mtime: new Date() }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  await docker.getContainer(containerId).putArchive(Buffer.concat(chunks), { path: path.posix.dirname(file) });
}
