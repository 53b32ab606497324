'use client';
// The overview's compact CPU/memory per container. The page subscribes once to `stats:overview`: the
// server reuses its per-container collectors (one Docker stream each, as `docker stats` opens) and
// sends ONE small batch every 2 s for all running containers; each cell re-renders alone.
import { useEffect, useSyncExternalStore } from 'react';
import type { OverviewStatsSample } from '@/server/contract';
import { STATS_EVENTS } from '@/server/contract';
import { getSocket } from '../socket';
import { percent } from './format-units';
import { formatBytes } from '../format-bytes';

const readings = new Map<string, OverviewStatsSample>();
const listeners = new Set<() => void>();

function apply(samples: OverviewStatsSample[]) {
  for (const s of samples) readings.set(s.containerId, s);
  for (const fn of listeners) fn();
}

/** Call once on the overview page. */
export function useOverviewStatsFeed() {
  useEffect(() => {
    const socket = getSocket();
    const onBatch = (b: { samples: OverviewStatsSample[] }) => apply(b.samples);
    const subscribe = () =>
      socket.emit(STATS_EVENTS.overviewSubscribe, {}, (r) => {
        if (r.ok) apply(r.samples);
      });
    socket.on(STATS_EVENTS.overview, onBatch);
    socket.on('connect', subscribe);
    subscribe();
    return () => {
      socket.off(STATS_EVENTS.overview, onBatch);
      socket.off('connect', subscribe);
      socket.emit(STATS_EVENTS.overviewUnsubscribe, {});
    };
  }, []);
}

function useReading(id: string) {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    () => readings.get(id),
    () => undefined,
  );
}

export function UsageCell({ id, running }: { id: string; running: boolean }) {
  const r = useReading(id);
  if (!running) return <span className="text-xs text-slate-300">—</span>;
  if (!r) return <span className="text-xs text-slate-400">…</span>;
  const cpuWidth = Math.min(100, r.cpuPercent);
  return (
    <div className="w-24 text-[11px] leading-tight tabular-nums text-slate-600" data-testid="usage" title={`CPU ${percent(r.cpuPercent)} · memory ${formatBytes(r.memBytes, 1)}`}>
      <div className="flex items-center gap-1.5">
        <span className="w-9 text-right" data-testid="usage-cpu">{percent(r.cpuPercent)}</span>
        <span className="h-1.5 flex-1 overflow-hidden rounded bg-slate-100"><span className="block h-full bg-indigo-400" style={{ width: `${cpuWidth}%` }} /></span>
      </div>
      <div className="mt-0.5 pl-0.5 text-slate-500" data-testid="usage-mem">{formatBytes(r.memBytes, 1)}</div>
    </div>
  );
}
