import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { listFirstLevel } from './tar-listing';
import { baseName, normalizeFilePath, octalMode } from './file-paths';
import { goModeType } from './archive-stat';

async function tarOf(entries: Partial<tar.Header>[]): Promise<Readable> {
  const pack = tar.pack();
  for (const e of entries) if (e.type === 'file' || !e.type) pack.entry(e as tar.Header, 'x'.repeat(e.size ?? 0));
    else pack.entry(e as tar.Header);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Readable.from([Buffer.concat(chunks)]);
}

describe('listFirstLevel', () => {
  it('keeps only the first level of a directory tar, with types, sizes, modes and link targets', async () => {
    const archive = await tarOf([
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/passwd', type: 'file', size: 30, mode: 0o644, uid: 0, gid: 0 },
      { name: 'etc/ssl/', type: 'directory', mode: 0o755 },
      { name: 'etc/ssl/cert.pem', type: 'file', size: 5, mode: 0o600 },
      { name: 'etc/mtab', type: 'symlink', linkname: '/proc/mounts', mode: 0o777 },
    ]);
    const list = await listFirstLevel(archive);
    expect(list.map((e) => [e.name, e.type, e.size, e.mode, e.linkTarget])).toEqual([
      ['ssl', 'directory', 0, '0755', undefined],
      ['mtab', 'symlink', 0, '0777', '/proc/mounts'],
      ['passwd', 'file', 30, '0644', undefined],
    ]);
  });

  it('reads the root, whose entries carry a leading slash', async () => {
    const archive = await tarOf([
      { name: '/', type: 'directory', mode: 0o755 },
      { name: '/bin/', type: 'directory', mode: 0o755 },
      { name: '/bin/sh', type: 'symlink', linkname: '/bin/busybox' },
      { name: '/.dockerenv', type: 'file', size: 0, mode: 0o755 },
    ]);
    expect((await listFirstLevel(archive)).map((e) => e.name)).toEqual(['bin', '.dockerenv']);
  });

  it('rejects a cut archive instead of answering a partial listing', async () => {
    const whole = await tarOf([{ name: 'd/', type: 'directory' }, { name: 'd/big', type: 'file', size: 100_000 }]);
    const buf = Buffer.concat(await whole.toArray());
    await expect(listFirstLevel(Readable.from([buf.subarray(0, 20_000)]))).rejects.toThrow();
  });
});

describe('paths and modes', () => {
  it('normalizes paths so they never climb above the root', () => {
    expect(normalizeFilePath('/a/../../etc/')).toBe('/etc');
    expect(normalizeFilePath('/../..')).toBe('/');
    expect(normalizeFilePath('//etc//passwd')).toBe('/etc/passwd');
    expect(() => normalizeFilePath('etc')).toThrow(/absolute/);
    expect(() => normalizeFilePath('/etc\0x')).toThrow(/NUL/);
    expect(baseName('/')).toBe('/');
  });

  it('reads Go file modes as the engine sends them', () => {
    expect(goModeType(2147484141)).toBe('directory');
    expect(goModeType(134218239)).toBe('symlink');
    expect(goModeType(0o644)).toBe('file');
    expect(octalMode(0o100644)).toBe('0644');
  });
});
