'use client';
// The virtualized list of log rows, split from the panel so that scrolling re-renders only this list
// (not the toolbar or the shell), and rows are memoized with stable props so a scroll renders only
// the rows that came into view. Unwrapped rows have fixed sizes (20 px, markers 24 px): with a
// million rows the virtualizer's offsets are computed once per new batch, never per scroll frame,
// and nothing is measured; wrapped or unfolded rows are measured as they render.
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { Row } from './log-store';
import { LogRow, type RowOptions } from './log-row';

export interface LogListApi {
  scrollToIndex: (index: number, align: 'center' | 'end') => void;
}

interface Props {
  api: RefObject<LogListApi | null>;
  visible: Row[];
  version: number;
  follow: boolean;
  /** The operator scrolled up while following. */
  onScrolledUp: () => void;
  rowOpts: RowOptions;
  re: RegExp | null;
  currentRow: number;
  expanded: Set<number>;
  onToggle: (row: Row) => void;
  onLoadSkip: (row: Row) => void;
  empty: ReactNode;
}

const LINE_PX = 20;
const MARKER_PX = 24;

/**
 * Recycles row elements: a row that stays on screen keeps its slot, and rows coming into view take
 * the slots of rows that left, so React updates the text of existing elements instead of building
 * and discarding a screen of DOM on every frame of a fast scroll. Children are still rendered in
 * index order (text selection follows the screen), so a small scroll moves only the recycled rows.
 * Only for fixed-size rows: measured rows must keep their element (the measuring ref runs on mount).
 */
function assignSlots(items: VirtualItem[], prev: Map<VirtualItem['key'], number>): { slots: number[]; next: Map<VirtualItem['key'], number> } {
  const next = new Map<VirtualItem['key'], number>();
  const taken = new Set<number>();
  const slots = new Array<number>(items.length);
  for (let k = 0; k < items.length; k++) {
    const s = prev.get(items[k].key);
    if (s !== undefined && !taken.has(s)) {
      slots[k] = s;
      taken.add(s);
      next.set(items[k].key, s);
    }
  }
  let free = 0;
  for (let k = 0; k < items.length; k++) {
    if (slots[k] !== undefined) continue;
    while (taken.has(free)) free++;
    slots[k] = free;
    taken.add(free);
    next.set(items[k].key, free);
  }
  return { slots, next };
}

export const LogList = memo(function LogList({ api, visible, version, follow, onScrolledUp, rowOpts, re, currentRow, expanded, onToggle, onLoadSkip, empty }: Props) {
  const parentRef = useRef<HTMLDivElement>(null);
  const dynamic = rowOpts.wrap || expanded.size > 0;
  // Stable callbacks: the virtualizer recomputes every row's offset whenever getItemKey or the
  // count changes, which for a million rows is tens of milliseconds; new closures on each render
  // made every scroll frame pay it.
  const getScrollElement = useCallback(() => parentRef.current, []);
  const estimateSize = useCallback((i: number) => (visible[i]?.kind === 'line' ? LINE_PX : MARKER_PX), [visible]);
  const getItemKey = useCallback((i: number) => visible[i]?.seq ?? i, [visible]);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    // A few rows (100 px) beyond the viewport: enough for a wheel notch scrolled on the compositor
    // before the main thread draws; each extra row is DOM to lay out on every frame of a fast scroll.
    overscan: 5,
  });
  api.current = { scrollToIndex: (index, align) => virtualizer.scrollToIndex(index, { align }) };

  const lastTop = useRef(0);
  const slotsRef = useRef(new Map<VirtualItem['key'], number>());
  const items = virtualizer.getVirtualItems();
  let slots: number[] | null = null;
  if (!dynamic) {
    const a = assignSlots(items, slotsRef.current);
    slotsRef.current = a.next;
    slots = a.slots;
  } else slotsRef.current = new Map();
  useLayoutEffect(() => {
    if (follow && visible.length > 0) virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
  }, [follow, visible.length, virtualizer, version]);

  const onScroll = () => {
    const el = parentRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    // Only the operator scrolls up: following scrolls down, and trimming the buffer keeps us at the bottom.
    if (follow && el.scrollTop < lastTop.current - 1 && !atBottom) onScrolledUp();
    lastTop.current = el.scrollTop;
  };

  return (
    <div
      ref={parentRef}
      onScroll={onScroll}
      data-testid="log-viewport"
      // contain: strict — the viewport's size never depends on its rows, so a scroll frame lays out
      // and paints only inside it. No scroll anchoring: the virtualizer positions the rows itself, and
      // the browser "correcting" scrollTop when a recycled row moves would fight it (and look like
      // the operator scrolling up).
      style={{ contain: 'strict', overflowAnchor: 'none' }}
      className="h-[calc(100vh-13.5rem)] min-h-[20rem] overflow-auto rounded-lg border border-slate-800 bg-slate-950 font-mono text-[12.5px] leading-5 shadow-inner"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {/* One moving block holding the rows in normal flow: a scroll frame changes one transform,
            not one per row. */}
        <div style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item, k) => {
            const row = visible[item.index];
            if (!row) return null;
            return (
              <div
                key={slots ? `s${slots[k]}` : item.key}
                data-index={item.index}
                ref={dynamic ? virtualizer.measureElement : undefined}
                style={dynamic ? undefined : { height: item.size, contain: 'strict' }}
              >
                <LogRow row={row} opts={rowOpts} re={re} current={item.index === currentRow} expanded={expanded.has(row.seq)} onToggle={onToggle} onLoadSkip={onLoadSkip} />
              </div>
            );
          })}
        </div>
      </div>
      {visible.length === 0 ? <div className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">{empty}</div> : null}
    </div>
  );
});
