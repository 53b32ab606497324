import { describe, expect, it } from 'vitest';
import { logsDownloadQuery, nanosToTs, normalizeTs, parseTimeParam, type LogLine } from '../contract';
import { LogParser } from './log-parser';
import { mergeByTs, ReorderWindow } from './merge';
import { OutboundQueue } from './outbound-queue';

function frame(stream: 1 | 2, text: string) {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

const line = (ts: string, c = 'a'): LogLine => ({ ts, stream: 'stdout', text: ts, containerId: c });

describe('log parser', () => {
  it('demultiplexes stdout/stderr frames split anywhere, keeping nanosecond timestamps', () => {
    const all = Buffer.concat([frame(1, '2026-01-01T00:00:00.1Z hello\n'), frame(2, '2026-01-01T00:00:00.123456789Z oops\n')]);
    const p = new LogParser('c1', false);
    const out = [...p.push(all.subarray(0, 5)), ...p.push(all.subarray(5, 40)), ...p.push(all.subarray(40))];
    expect(out).toEqual([
      { ts: '2026-01-01T00:00:00.100000000Z', stream: 'stdout', text: 'hello', containerId: 'c1' },
      { ts: '2026-01-01T00:00:00.123456789Z', stream: 'stderr', text: 'oops', containerId: 'c1' },
    ]);
  });
  it('joins Docker partial messages and reads raw TTY text with CRLF', () => {
    const p = new LogParser('c', false);
    const out = p.push(Buffer.concat([frame(1, '2026-01-01T00:00:01Z aaa'), frame(1, '2026-01-01T00:00:02Z bbb\n')]));
    expect(out.map((l) => [l.ts, l.text])).toEqual([['2026-01-01T00:00:01.000000000Z', 'aaabbb']]);
    const t = new LogParser('c', true);
    expect([...t.push(Buffer.from('2026-01-01T00:00:01Z \x1b[31mred')), ...t.push(Buffer.from('\x1b[0m\r\n'))].map((l) => l.text)).toEqual(['\x1b[31mred\x1b[0m']);
  });
});

describe('timestamps and parameters', () => {
  it('normalises and compares as strings, parses since forms', () => {
    expect(normalizeTs('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000000000Z');
    expect(nanosToTs(parseTimeParam('1700000000.123456789')!)).toBe('2023-11-14T22:13:20.123456789Z');
    expect(parseTimeParam('10m', 600_000)).toBe(0n);
    expect(parseTimeParam('yesterday')).toBeNull();
    expect(logsDownloadQuery.safeParse({ tail: '-1' }).success).toBe(false);
    expect(logsDownloadQuery.safeParse({ since: 'nope' }).success).toBe(false);
    expect(logsDownloadQuery.parse({ tail: '10', timestamps: '1' })).toMatchObject({ tail: 10, timestamps: true });
  });
});

describe('ordering', () => {
  it('merges ordered sources by timestamp', async () => {
    async function* src(ts: string[][]) {
      for (const chunk of ts) yield chunk.map((t) => line(t));
    }
    const out: string[] = [];
    for await (const c of mergeByTs([src([['1', '4'], ['6']]), src([['2', '3', '5']])], 2)) out.push(...c.map((l) => l.ts));
    expect(out).toEqual(['1', '2', '3', '4', '5', '6']);
  });
  it('holds live lines for the window and releases them in order', () => {
    const w = new ReorderWindow(100);
    w.add([line('b')], 0);
    w.add([line('a')], 50);
    expect(w.release(99)).toEqual([]);
    expect(w.release(150).map((l) => l.ts)).toEqual(['a', 'b']);
  });
});

describe('outbound queue', () => {
  it('collapses live lines past the high-water mark into one skip marker', () => {
    const q = new OutboundQueue(10);
    q.pushLines(Array.from({ length: 8 }, (_, i) => line(`t${i}`)), true);
    q.pushStatus({ containerId: 'a', containerName: 'a', state: 'ended', message: 'x' });
    q.pushLines(Array.from({ length: 5 }, (_, i) => line(`u${i}`)), true);
    expect(q.lineCount).toBe(0);
    expect(q.shift(100)?.kind).toBe('status');
    expect(q.shift(100)).toEqual({ kind: 'skipped', ev: { count: 13, fromTs: 't0', toTs: 'u4', containerIds: ['a'] } });
  });
  it('never drops history; cuts batches', () => {
    const q = new OutboundQueue(10);
    q.pushLines(Array.from({ length: 25 }, (_, i) => line(`t${i}`)), false);
    expect(q.lineCount).toBe(25);
    const first = q.shift(10);
    expect(first?.kind === 'lines' && first.lines.length).toBe(10);
  });
});
