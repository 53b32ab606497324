import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { SingleFileEntry } from './single-entry';
import { TarFraming } from './tar-framing';

async function tarBytes(entries: { name: string; body: Buffer; type?: 'file' | 'directory' }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name, type: 'file', size: e.body.length }, e.body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Feeds the archive in small uneven chunks, so headers and bodies straddle chunk edges. */
async function through(archive: Buffer, chunk = 777) {
  let size = -1;
  const parts: Buffer[] = [];
  for (let i = 0; i < archive.length; i += chunk) parts.push(archive.subarray(i, i + chunk));
  const out = Readable.from(parts).pipe(new SingleFileEntry((h) => (size = h.size)));
  const got: Buffer[] = [];
  for await (const c of out) got.push(c as Buffer);
  return { size, body: Buffer.concat(got) };
}

describe('SingleFileEntry', () => {
  it('passes exactly the file bytes, across chunk edges, skipping a PAX header for a long name', async () => {
    const body = Buffer.from(Array.from({ length: 70_001 }, (_, i) => i % 251));
    const r = await through(await tarBytes([{ name: 'n'.repeat(150) + '.bin', body }]));
    expect(r.size).toBe(70_001);
    expect(r.body.equals(body)).toBe(true);
  });

  it('handles an empty file', async () => {
    const r = await through(await tarBytes([{ name: 'empty', body: Buffer.alloc(0) }]));
    expect(r).toEqual({ size: 0, body: Buffer.alloc(0) });
  });

  it('fails on an archive that ends before the whole file, or holds no regular file', async () => {
    const whole = await tarBytes([{ name: 'f', body: Buffer.alloc(10_000, 7) }]);
    await expect(through(whole.subarray(0, 512 + 5000))).rejects.toThrow(/ended before/);
    await expect(through(await tarBytes([{ name: 'd/', body: Buffer.alloc(0), type: 'directory' }]))).rejects.toThrow(/not a regular file/);
  });
});

describe('TarFraming', () => {
  it('sees the end of a whole archive across chunk edges, and not of a cut one', async () => {
    const whole = await tarBytes([{ name: 'd/', body: Buffer.alloc(0), type: 'directory' }, { name: 'd/' + 'x'.repeat(150), body: Buffer.alloc(3000, 1) }, { name: 'd/b', body: Buffer.alloc(10, 2) }]);
    const f = new TarFraming();
    for (let i = 0; i < whole.length; i += 333) f.consume(whole.subarray(i, i + 333));
    expect(f.complete).toBe(true);
    const cut = new TarFraming();
    cut.consume(whole.subarray(0, whole.length - 1536));
    expect(cut.complete).toBe(false);
  });
});
