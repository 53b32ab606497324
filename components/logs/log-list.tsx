'use client';
// The scrolling viewport of the log page. Split from the panel so a scroll re-renders only this
// list, never the toolbar or the shell; rows are memoized with stable props.
//
// Unwrapped rows (the usual case) are all exactly ROW_PX tall, so which rows are on screen is
// arithmetic on scrollTop: no per-row offsets to rebuild when a batch of a million-line history
// arrives, nothing measured, and a scroll frame only re-renders when the first or last row on
// screen changes. Row elements are recycled (row-slots.ts). Wrapped rows or an unfolded JSON line
// switch to MeasuredRows (@tanstack/react-virtual), which measures rows as they render.
import { memo, useCallback, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { Row } from './log-store';
import { MeasuredRows, type MeasuredApi } from './log-measured-rows';
import { ROW_PX, RowsBlock, type RowProps } from './log-rows-block';
import { assignSlots, type RowKey } from './row-slots';

// Rows drawn beyond each edge (100 px): enough for a wheel notch scrolled on the compositor before
// the main thread draws, while each extra row is layout on every frame of a fast scroll.
const OVERSCAN = 5;

export interface LogListApi {
  scrollToIndex: (index: number, align: 'center' | 'end') => void;
}

interface Props extends RowProps {
  api: RefObject<LogListApi | null>;
  visible: Row[];
  version: number;
  follow: boolean;
  /** The operator scrolled up while following. */
  onScrolledUp: () => void;
  empty: ReactNode;
}

/** First and last row index (last not yet clamped to the row count) drawn for a scroll position. */
function windowAt(top: number, height: number): [number, number] {
  return [Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN), Math.ceil((top + height) / ROW_PX) + OVERSCAN];
}

export const LogList = memo(function LogList({ api, visible, version, follow, onScrolledUp, empty, ...rowProps }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const measuredApi = useRef<MeasuredApi | null>(null);
  const dynamic = rowProps.rowOpts.wrap || rowProps.expanded.size > 0;
  const count = visible.length;

  const height = useRef(0);
  const lastTop = useRef(0);
  const [win, setWin] = useState<[number, number]>([0, 0]);
  const showAt = useCallback((top: number) => {
    const next = windowAt(top, height.current);
    setWin((w) => (w[0] === next[0] && w[1] === next[1] ? w : next));
  }, []);

  useLayoutEffect(() => {
    const el = viewport.current!;
    height.current = el.clientHeight;
    showAt(el.scrollTop);
    const ro = new ResizeObserver(() => {
      height.current = el.clientHeight;
      showAt(el.scrollTop);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [showAt]);

  const scrollTo = useCallback((top: number) => {
    const el = viewport.current!;
    const max = Math.max(0, count * ROW_PX - height.current);
    top = Math.min(max, Math.max(0, Math.round(top)));
    el.scrollTop = top;
    lastTop.current = top;
    showAt(top);
  }, [count, showAt]);

  api.current = {
    scrollToIndex: (index, align) => {
      if (dynamic) return measuredApi.current?.scrollToIndex(index, align);
      scrollTo(align === 'end' ? (index + 1) * ROW_PX - height.current : index * ROW_PX - (height.current - ROW_PX) / 2);
    },
  };

  // Back from measured rows: show the row that was at the top of the viewport.
  const anchor = useRef(-1);
  useLayoutEffect(() => {
    if (dynamic || anchor.current < 0) return;
    scrollTo(anchor.current * ROW_PX);
    anchor.current = -1;
  }, [dynamic]); // eslint-disable-line react-hooks/exhaustive-deps

  // Following: stay at the bottom as rows arrive (the measured mode does this itself).
  useLayoutEffect(() => {
    if (follow && !dynamic && count > 0) scrollTo(count * ROW_PX);
  }, [follow, dynamic, count, version, scrollTo]);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const top = el.scrollTop;
    // Draw the new rows inside this scroll event, before the frame is painted (no blank rows).
    if (!dynamic) flushSync(() => showAt(top));
    const bottom = dynamic ? el.scrollHeight : count * ROW_PX;
    const atBottom = bottom - top - height.current < 40;
    // Only the operator scrolls up: following scrolls down, and trimming the buffer keeps us at the bottom.
    if (follow && top < lastTop.current - 1 && !atBottom) onScrolledUp();
    lastTop.current = top;
  };

  const slotsRef = useRef(new Map<RowKey, number>());
  let rows: ReactNode;
  if (dynamic) {
    slotsRef.current = new Map();
    rows = <MeasuredRows viewport={viewport} api={measuredApi} onLeave={(i) => (anchor.current = i)} visible={visible} version={version} follow={follow} overscan={OVERSCAN} {...rowProps} />;
  } else {
    const first = Math.min(win[0], Math.max(0, count - 1));
    const last = Math.min(win[1], count - 1);
    const keys: RowKey[] = [];
    for (let i = first; i <= last; i++) keys.push(visible[i].seq);
    const { slots, next } = assignSlots(keys, slotsRef.current);
    slotsRef.current = next;
    const items = keys.map((_, k) => ({ index: first + k, key: slots[k] }));
    rows = <RowsBlock visible={visible} total={count * ROW_PX} start={first * ROW_PX} items={items} {...rowProps} />;
  }

  return (
    <div
      ref={viewport}
      onScroll={onScroll}
      data-testid="log-viewport"
      // contain: strict — the viewport's size never depends on its rows, so a scroll frame lays out
      // and paints only inside it. No scroll anchoring: the list positions its rows itself, and the
      // browser "correcting" scrollTop when a recycled row moves would fight it (and look like the
      // operator scrolling up).
      style={{ contain: 'strict', overflowAnchor: 'none' }}
      className="h-[calc(100vh-13.5rem)] min-h-[20rem] overflow-auto rounded-lg border border-slate-800 bg-slate-950 font-mono text-[12.5px] leading-5 shadow-inner"
    >
      {rows}
      {count === 0 ? <div className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">{empty}</div> : null}
    </div>
  );
});
