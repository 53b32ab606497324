import { describe, expect, it } from 'vitest';
import { DemuxStdout, HashTap, looksLikeTar } from './streams';
import crypto from 'node:crypto';

function frame(type: number, data: string) {
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(Buffer.byteLength(data), 4);
  return Buffer.concat([h, Buffer.from(data)]);
}

async function run(chunks: Buffer[]) {
  const d = new DemuxStdout();
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => d.on('end', r));
  for (const c of chunks) d.write(c);
  d.end();
  await done;
  return { stdout: Buffer.concat(out).toString(), stderr: d.stderr };
}

describe('DemuxStdout', () => {
  it('splits stdout from stderr frames', async () => {
    const r = await run([Buffer.concat([frame(1, 'PGDMP'), frame(2, 'warning\n'), frame(1, '...data')])]);
    expect(r).toEqual({ stdout: 'PGDMP...data', stderr: 'warning\n' });
  });

  it('handles headers and payloads split across chunks at every byte', async () => {
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'err'), frame(1, 'world')]);
    for (let cut = 1; cut < all.length; cut++) {
      const r = await run([all.subarray(0, cut), all.subarray(cut)]);
      expect(r.stdout).toBe('hello world');
      expect(r.stderr).toBe('err');
    }
  });
});

describe('HashTap', () => {
  it('hashes and counts what passes and keeps the first bytes', async () => {
    const seen: number[] = [];
    const t = new HashTap(4, (n) => seen.push(n));
    t.resume();
    t.write(Buffer.from('ab'));
    t.write(Buffer.from('cdef'));
    t.end();
    await new Promise((r) => t.on('end', r));
    expect(t.bytes).toBe(6);
    expect(t.head.toString()).toBe('abcd');
    expect(t.digest()).toBe(crypto.createHash('sha256').update('abcdef').digest('hex'));
    expect(seen).toEqual([2, 6]);
  });

  it('recognizes a tar header', () => {
    const h = Buffer.alloc(512);
    h.write('ustar', 257, 'latin1');
    expect(looksLikeTar(h)).toBe(true);
    expect(looksLikeTar(Buffer.alloc(512))).toBe(false);
  });
});
