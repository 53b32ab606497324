import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParallelGzip, type ParallelGzipOptions } from './parallel-gzip';

/** Feeds `data` in uneven pieces (so blocks straddle writes) and returns the gzip output. */
async function gzip(data: Buffer, o: ParallelGzipOptions): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0, n = 1; i < data.length; i += n, n = (n * 7 + 13) % 50_000 + 1) pieces.push(data.subarray(i, i + n));
  return buffer(Readable.from(pieces).pipe(new ParallelGzip(o)));
}

const text = (bytes: number) => {
  const lines: string[] = [];
  let n = 0;
  for (let len = 0; len < bytes; n++) {
    const l = `${n} GET /api/items/${n % 977} 200 ${(n * 37) % 1000}ms user=${n % 13}\n`;
    lines.push(l);
    len += l.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
};

describe('ParallelGzip', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['one byte', Buffer.from('x')],
    ['under the window', crypto.randomBytes(32 * 1024 - 1)],
    ['random, many blocks', crypto.randomBytes(300_000)],
    ['text, many blocks', text(500_000)],
  ])('round-trips %s through gunzip', async (_name, data) => {
    for (const threads of [1, 3]) {
      const gz = await gzip(data, { threads, blockSize: 64 * 1024 });
      expect(gz.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
      expect(zlib.gunzipSync(gz).equals(data)).toBe(true);
    }
  });

  it('compresses as well as a serial gzip at the same level (the 32 KB dictionary carries over)', async () => {
    const data = text(2_000_000);
    const serial = zlib.gzipSync(data, { level: 6 }).length;
    const parallel = (await gzip(data, { threads: 2, blockSize: 128 * 1024 })).length;
    expect(parallel / serial).toBeLessThan(1.01);
  });
});
