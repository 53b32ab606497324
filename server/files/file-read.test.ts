// The download's failure paths, on a fake source: an archive cut mid-entry and a container removed
// mid-stream must both end the stream with an error, never a clean short file.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type Docker from 'dockerode';
import { downloadPath } from './file-read';
import type { FileSource } from './file-source';

const SIZE = 4 * 1024 * 1024;

async function headerAndPart(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'big', size: SIZE, mode: 0o644 }, Buffer.alloc(SIZE, 1));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  const whole = Buffer.concat(chunks);
  return whole.subarray(0, 512 + 1024 * 1024); // the header and the first MB
}

function fakeSource(archive: Readable, gone: { fire?: () => void } = {}): FileSource {
  const stat = Buffer.from(JSON.stringify({ name: 'big', size: SIZE, mode: 0o644, mtime: '2026-01-01T00:00:00Z', linkTarget: '' })).toString('base64');
  const container = {
    infoArchive: async () => ({ headers: { 'x-docker-container-path-stat': stat }, resume() {} }),
    getArchive: async () => archive,
  } as unknown as Docker.Container;
  return { container, root: '', label: 'fake', watchGone: (cb) => ((gone.fire = cb), () => undefined), release: async () => undefined };
}

async function drain(body: Readable): Promise<number> {
  let n = 0;
  for await (const c of body) n += (c as Buffer).length;
  return n;
}

describe('downloadPath', () => {
  it('errors the stream when the engine cuts the archive mid-file', async () => {
    const archive = new PassThrough();
    const d = await (async () => {
      const pending = downloadPath(fakeSource(archive), '/big');
      archive.write(await headerAndPart());
      return pending;
    })();
    expect(d.headers['x-file-size']).toBe(String(SIZE));
    setTimeout(() => archive.destroy(new Error('socket hang up')), 20);
    await expect(drain(d.body)).rejects.toThrow();
  });

  it('errors the stream when the archive ends early without an error', async () => {
    const archive = new PassThrough();
    const pending = downloadPath(fakeSource(archive), '/big');
    archive.write(await headerAndPart());
    const d = await pending;
    setTimeout(() => archive.end(), 20);
    await expect(drain(d.body)).rejects.toThrow();
  });

  it('errors the stream when the container is removed mid-download', async () => {
    const archive = new PassThrough();
    const gone: { fire?: () => void } = {};
    const pending = downloadPath(fakeSource(archive, gone), '/big');
    archive.write(await headerAndPart());
    const d = await pending;
    setTimeout(() => gone.fire!(), 20);
    await expect(drain(d.body)).rejects.toThrow(/removed/);
  });
});

describe('downloadPath of a folder', () => {
  it('errors the stream when the archive ends cleanly in the middle of the tar', async () => {
    const archive = new PassThrough();
    const stat = Buffer.from(JSON.stringify({ name: 'd', size: 4096, mode: 2 ** 31 + 0o755, linkTarget: '' })).toString('base64');
    const container = { infoArchive: async () => ({ headers: { 'x-docker-container-path-stat': stat }, resume() {} }), getArchive: async () => archive } as unknown as Docker.Container;
    const d = await downloadPath({ container, root: '', label: 'fake', watchGone: () => () => undefined, release: async () => undefined }, '/d');
    expect(d.headers['content-type']).toBe('application/x-tar');
    archive.end(await headerAndPart());
    await expect(drain(d.body)).rejects.toThrow();
  });
});
