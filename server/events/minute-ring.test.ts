import { describe, expect, it } from 'vitest';
import { MinuteRing, WINDOW_MINUTES } from './minute-ring';

describe('MinuteRing', () => {
  it('adds counts per minute and answers from a minute on, oldest first', () => {
    const r = new MinuteRing();
    r.add(100, 2);
    r.add(100, 3);
    r.add(102, 1);
    r.add(101, 0);
    expect(r.since(0)).toEqual([[100, 5], [102, 1]]);
    expect(r.since(101)).toEqual([[102, 1]]);
  });
  it('keeps at most a day of minutes however long it runs', () => {
    const r = new MinuteRing();
    for (let m = 0; m < 5 * WINDOW_MINUTES; m++) r.add(m, 1);
    expect(r.size).toBeLessThanOrEqual(WINDOW_MINUTES + 1);
    expect(r.since(0)[0][0]).toBe(5 * WINDOW_MINUTES - 1 - WINDOW_MINUTES);
    r.add(10, 1); // far older than the window: ignored
    expect(r.since(0).some(([m]) => m === 10)).toBe(false);
  });
});
