'use client';
// Rows of varying height (wrap on, or a JSON line unfolded), measured as they render by
// @tanstack/react-virtual. Mounted only in that mode, starting from the viewport's current scroll
// position: every row is estimated at ROW_PX, the fixed mode's exact size, so switching modes keeps
// the same rows in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Row } from './log-store';
import { ROW_PX, RowsBlock, type RowProps } from './log-rows-block';

export interface MeasuredApi {
  scrollToIndex: (index: number, align: 'center' | 'end') => void;
}

interface Props extends RowProps {
  viewport: RefObject<HTMLDivElement | null>;
  api: RefObject<MeasuredApi | null>;
  visible: Row[];
  version: number;
  follow: boolean;
  overscan: number;
  /** Called on unmount with the row then at the top of the viewport. */
  onLeave: (index: number) => void;
}

export function MeasuredRows({ viewport, api, visible, version, follow, overscan, onLeave, ...rowProps }: Props) {
  // Stable callbacks: the virtualizer recomputes every row's offset whenever they change.
  const getScrollElement = useCallback(() => viewport.current, [viewport]);
  const estimateSize = useCallback(() => ROW_PX, []);
  const getItemKey = useCallback((i: number) => visible[i]?.seq ?? i, [visible]);
  const initialOffset = useCallback(() => viewport.current?.scrollTop ?? 0, [viewport]);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement, estimateSize, getItemKey, initialOffset, overscan });
  api.current = { scrollToIndex: (index, align) => virtualizer.scrollToIndex(index, { align }) };

  useLayoutEffect(() => {
    if (follow && visible.length > 0) virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
  }, [follow, visible.length, virtualizer, version]);

  const items = virtualizer.getVirtualItems();
  const leave = useRef(onLeave);
  leave.current = onLeave;
  useLayoutEffect(() => () => {
    const top = viewport.current?.scrollTop ?? 0;
    const first = virtualizer.getVirtualItems().find((i) => i.end > top);
    if (first) leave.current(first.index);
  }, [viewport, virtualizer]);
  return (
    <RowsBlock
      visible={visible}
      total={virtualizer.getTotalSize()}
      start={items[0]?.start ?? 0}
      items={items.map((i) => ({ index: i.index, key: i.key as number }))}
      measure={virtualizer.measureElement}
      {...rowProps}
    />
  );
}
