// Recycles row elements: a row that stays on screen keeps its slot, and rows coming into view take
// the slots of rows that left, so React updates the text of existing elements instead of building
// and discarding a screen of DOM on every frame of a fast scroll. Children are still rendered in
// index order (text selection follows the screen), so a small scroll moves only the recycled rows.
// Only for fixed-size rows: a measured row must keep its element (the measuring ref runs on mount).

export type RowKey = number;

export function assignSlots(keys: RowKey[], prev: Map<RowKey, number>): { slots: number[]; next: Map<RowKey, number> } {
  const next = new Map<RowKey, number>();
  const taken = new Set<number>();
  const slots = new Array<number>(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const s = prev.get(keys[k]);
    if (s !== undefined && !taken.has(s)) {
      slots[k] = s;
      taken.add(s);
      next.set(keys[k], s);
    }
  }
  let free = 0;
  for (let k = 0; k < keys.length; k++) {
    if (slots[k] !== undefined) continue;
    while (taken.has(free)) free++;
    slots[k] = free;
    taken.add(free);
    next.set(keys[k], free);
  }
  return { slots, next };
}
