'use client';
// A uPlot time-series chart fed from a StatsSeries: uPlot draws on canvas and setData is cheap, so
// many charts can redraw at 1 Hz without React re-rendering anything.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { StatsSeries } from './stats-series';

export interface LineDef {
  label: string;
  color: string;
  values: (s: StatsSeries) => number[];
  fill?: boolean;
  dash?: number[];
}

export function LiveChart({ series, lines, format, yMin = 0, yRange, height = 170, testId, legend = true }: {
  series: StatsSeries;
  lines: LineDef[];
  format: (v: number) => string;
  /** smallest top of the y axis, so an idle chart is not all noise */
  yMin?: number;
  yRange?: (s: StatsSeries, dataMax: number) => number;
  height?: number;
  testId?: string;
  legend?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  // The chart reads the latest props through refs; it is built once per mount.
  const props = useRef({ lines, format, yMin, yRange });
  props.current = { lines, format, yMin, yRange };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const p = props.current;
    const data = (): uPlot.AlignedData => [series.ts, ...p.lines.map((l) => l.values(series))];
    const chart = new uPlot(
      {
        width: el.clientWidth || 400,
        height,
        legend: { show: legend, live: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: {
          // At least the last minute, so the first samples do not stretch over a meaningless range.
          x: {
            time: true,
            range: (_u, min, max) => {
              const hi = max ?? Date.now() / 1000;
              return [Math.min(min ?? hi, hi - 60), hi];
            },
          },
          y: {
            range: (_u, _min, max) => {
              const top = props.current.yRange ? props.current.yRange(series, max) : Math.max(props.current.yMin, (max || 0) * 1.15);
              return [0, top || 1];
            },
          },
        },
        axes: [
          // time labels at least 80 px apart: small charts (a stack's grid) otherwise overlap them
          { stroke: '#64748b', space: 80, grid: { stroke: '#f1f5f9' }, ticks: { stroke: '#e2e8f0' } },
          { stroke: '#64748b', size: 72, grid: { stroke: '#f1f5f9' }, ticks: { stroke: '#e2e8f0' }, values: (_u, vals) => vals.map((v) => props.current.format(v)) },
        ],
        series: [
          {},
          ...p.lines.map((l) => ({
            label: l.label,
            stroke: l.color,
            width: 1.5,
            dash: l.dash,
            fill: l.fill ? `${l.color}22` : undefined,
            points: { show: false },
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : props.current.format(v)),
          })),
        ],
      },
      data(),
      el,
    );
    const off = series.subscribe(() => chart.setData(data()));
    const ro = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      off();
      ro.disconnect();
      chart.destroy();
    };
  }, [series, height, legend]);

  return <div ref={box} data-testid={testId} className="w-full" />;
}
