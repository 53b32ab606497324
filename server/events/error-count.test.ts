import { describe, expect, it } from 'vitest';
import type { LogLine } from '../contract';
import { countNewErrors, minuteOfTs } from './error-count';

const line = (ts: string, text: string): LogLine => ({ ts, text, stream: 'stdout', containerId: 'c1' });
const T = (sec: number) => `2026-01-01T10:00:${String(sec).padStart(2, '0')}.000000000Z`;
const MINUTE = Date.parse('2026-01-01T10:00:00Z') / 60_000;

function counter() {
  const w = { countedTs: '' };
  const adds: [number, number][] = [];
  const total = () => adds.reduce((n, [, c]) => n + c, 0);
  return { w, adds, total, run: (lines: LogLine[]) => countNewErrors(w, lines, (m, n) => adds.push([m, n])) };
}

describe('countNewErrors', () => {
  it('counts error lines by the minute of their own timestamp and moves the watermark to the last line', () => {
    const c = counter();
    c.run([line(T(1), 'ERROR a'), line(T(2), 'info b'), line(T(3), 'fatal: c'), line('2026-01-01T10:01:05.000000000Z', 'ERROR d'), line('2026-01-01T10:01:06.000000000Z', 'fine')]);
    expect(c.adds).toEqual([[MINUTE, 2], [MINUTE + 1, 1]]);
    expect(c.w.countedTs).toBe('2026-01-01T10:01:06.000000000Z');
  });

  it('a catch-up read that overlaps what the live stream already gave counts each line once', () => {
    const c = counter();
    // the catch-up (start .. now) and then the held live lines, which repeat its tail
    c.run([line(T(1), 'ERROR 1'), line(T(2), 'ERROR 2'), line(T(3), 'ERROR 3')]);
    c.run([line(T(2), 'ERROR 2'), line(T(3), 'ERROR 3'), line(T(4), 'ERROR 4')]);
    expect(c.total()).toBe(4);
    // a re-attach reads again from the watermark, inclusive (Docker's since): the boundary line is not recounted
    c.run([line(T(4), 'ERROR 4'), line(T(9), 'ERROR 5')]);
    expect(c.total()).toBe(5);
  });

  it('counts lines without a timestamp as they come and leaves the watermark alone', () => {
    const c = counter();
    c.run([line(T(5), 'info')]);
    c.run([line('', 'ERROR no time')]);
    expect(c.total()).toBe(1);
    expect(c.w.countedTs).toBe(T(5));
  });

  it('takes the minute from the timestamp, or now when there is none', () => {
    expect(minuteOfTs('2026-01-01T10:00:59.999999999Z')).toBe(MINUTE);
    expect(minuteOfTs('', 120_000)).toBe(2);
  });
});
