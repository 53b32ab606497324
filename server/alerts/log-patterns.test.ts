import { afterEach, describe, expect, it } from 'vitest';
import { LINE_CAP, PatternMatcher } from './pattern-matcher';
import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('counts the last minute and forgets what is older', () => {
    const w = new RateWindow();
    w.add(5, 0);
    w.add(7, 30_000);
    expect(w.perMinute(30_000)).toBe(12);
    expect(w.perMinute(59_000)).toBe(12);
    expect(w.perMinute(61_000)).toBe(7); // the first bucket fell out
    expect(w.perMinute(200_000)).toBe(0);
    w.add(1, 200_000);
    expect(w.perMinute(200_001)).toBe(1);
  });
});

describe('PatternMatcher', () => {
  let m: PatternMatcher;
  afterEach(() => m?.close());

  it('counts matching lines per rule in a worker', async () => {
    m = new PatternMatcher(2000);
    const counts = await m.count(['ERROR db down', 'ok', 'error: retry', 'ERROR again'], [{ id: 1, pattern: 'ERROR' }, { id: 2, pattern: '^ok$' }]);
    expect(counts).toEqual({ 1: 2, 2: 1 });
  });

  it('gives up a batch that runs past its deadline without blocking the event loop, then keeps working', async () => {
    m = new PatternMatcher(300);
    // polynomial backtracking the static check lets through: slow on a long line with no final x
    const slow = { id: 1, pattern: '.*.*.*.*x' };
    const started = Date.now();
    let ticks = 0;
    const t = setInterval(() => ticks++, 20);
    const counts = await m.count(['a'.repeat(LINE_CAP * 2)], [slow]);
    clearInterval(t);
    expect(counts).toBeNull();
    expect(m.timedOut).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(5); // the main thread kept running meanwhile
    expect(await m.count(['ERROR x'], [{ id: 2, pattern: 'ERROR' }])).toEqual({ 2: 1 });
  });
});
