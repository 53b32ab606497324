import { describe, expect, it } from 'vitest';
import { assignSlots } from './row-slots';

describe('assignSlots', () => {
  it('keeps the slot of a row that stays and gives freed slots to new rows', () => {
    const a = assignSlots([10, 11, 12, 13], new Map());
    expect(a.slots).toEqual([0, 1, 2, 3]);
    // Scrolled down by two rows: 12 and 13 keep 2 and 3; 14 and 15 reuse 0 and 1.
    const b = assignSlots([12, 13, 14, 15], a.next);
    expect(b.slots).toEqual([2, 3, 0, 1]);
    // A jump to unrelated rows reuses the slots in order (no element moves).
    const c = assignSlots([500, 501, 502, 503], b.next);
    expect(c.slots).toEqual([0, 1, 2, 3]);
  });

  it('never gives two rows the same slot', () => {
    let prev = new Map<number, number>();
    for (let start = 0; start < 200; start += 7) {
      const keys = Array.from({ length: 20 + (start % 5) }, (_, i) => start + i);
      const r = assignSlots(keys, prev);
      expect(new Set(r.slots).size).toBe(keys.length);
      prev = r.next;
    }
  });
});
