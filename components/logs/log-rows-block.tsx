'use client';
// The rows on screen, in one absolutely positioned block moved by a single transform (a scroll
// frame changes one style, not one per row) inside a sizer as tall as the whole list.
import type { Ref } from 'react';
import type { Row } from './log-store';
import { LogRow, type RowOptions } from './log-row';

export const ROW_PX = 20;

export interface RowProps {
  rowOpts: RowOptions;
  re: RegExp | null;
  currentRow: number;
  expanded: Set<number>;
  onToggle: (row: Row) => void;
  onLoadSkip: (row: Row) => void;
}

export interface BlockItem {
  index: number;
  /** React key: a recycled slot for fixed rows, the row's seq for measured ones */
  key: number | string;
}

interface Props extends RowProps {
  visible: Row[];
  total: number;
  start: number;
  items: BlockItem[];
  /** measured mode: the virtualizer's measuring ref; fixed mode: undefined (every row ROW_PX tall) */
  measure?: Ref<HTMLDivElement>;
}

export function RowsBlock({ visible, total, start, items, measure, rowOpts, re, currentRow, expanded, onToggle, onLoadSkip }: Props) {
  return (
    <div style={{ height: total, position: 'relative', width: '100%' }}>
      <div style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${start}px)` }}>
        {items.map((item) => {
          const row = visible[item.index];
          if (!row) return null;
          const el = <LogRow key={measure ? undefined : item.key} row={row} opts={rowOpts} re={re} current={item.index === currentRow} expanded={expanded.has(row.seq)} onToggle={onToggle} onLoadSkip={onLoadSkip} />;
          // Fixed rows are the LogRow element itself (each exactly ROW_PX tall); measured rows sit in
          // a wrapper the virtualizer observes.
          if (!measure) return el;
          return (
            <div key={item.key} data-index={item.index} ref={measure}>
              {el}
            </div>
          );
        })}
      </div>
    </div>
  );
}
