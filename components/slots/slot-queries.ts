'use client';
// Slots data: the groups, the history, local images, and live step progress pushed over socket.io.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { getSocket } from '../socket';
import { SLOT_EVENTS, SOCKET_EVENTS, type ContainerChangedEvent, type SlotDoneEvent, type SlotProgressEvent } from '@/server/contract';

export const slotKeys = {
  groups: ['slots'] as const,
  history: (group: string) => ['slots', 'history', group] as const,
  images: ['slots', 'images'] as const,
};

export const useSlotsQuery = () => useQuery({ queryKey: slotKeys.groups, queryFn: () => api('/api/slots'), refetchInterval: 15_000 });
export const useSlotHistoryQuery = (group: string) =>
  useQuery({ queryKey: slotKeys.history(group), queryFn: () => api(`/api/slots/history?group=${encodeURIComponent(group)}&limit=20`) });
export const useLocalImagesQuery = (enabled: boolean) => useQuery({ queryKey: slotKeys.images, queryFn: () => api('/api/slots/images'), enabled });

export interface RunProgress {
  runId: string;
  op: 'switch' | 'deploy';
  steps: SlotProgressEvent[];
  done: SlotDoneEvent | null;
}

/** The latest run of each group, step by step, as the server pushes it; refetches when a run ends. */
export function useSlotProgress(): Record<string, RunProgress[]> {
  const qc = useQueryClient();
  const [runs, setRuns] = useState<Record<string, RunProgress[]>>({});
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const socket = getSocket();
    const onProgress = (ev: SlotProgressEvent) =>
      setRuns((prev) => {
        let list = prev[ev.group] ?? [];
        if (!list.some((r) => r.runId === ev.runId)) {
          // A deploy that switches at the end runs a switch inside it: keep the deploy beside it.
          const deployRunning = list.some((r) => r.op === 'deploy' && !r.done);
          list = [...(deployRunning ? list : []), { runId: ev.runId, op: ev.op, steps: [], done: null }];
        }
        // The latest event of a step replaces the earlier ones (running → ok/failed, health notes).
        return { ...prev, [ev.group]: list.map((r) => (r.runId === ev.runId ? { ...r, steps: [...r.steps.filter((s) => s.step !== ev.step), ev] } : r)) };
      });
    const onDone = (ev: SlotDoneEvent) => {
      setRuns((prev) => ({ ...prev, [ev.group]: (prev[ev.group] ?? []).map((r) => (r.runId === ev.runId ? { ...r, done: ev } : r)) }));
      void qc.invalidateQueries({ queryKey: slotKeys.groups });
      void qc.invalidateQueries({ queryKey: ['slots', 'history', ev.group] });
    };
    // Slot containers changing state or health: refetch, at most every half second.
    const onChanged = (ev: ContainerChangedEvent) => {
      if (ev.container && !Object.keys(ev.container.labels).some((k) => k.startsWith('slipway.slot') || k.startsWith('slipway.proxy'))) return;
      if (refetchTimer.current) return;
      refetchTimer.current = setTimeout(() => {
        refetchTimer.current = null;
        void qc.invalidateQueries({ queryKey: slotKeys.groups });
      }, 500);
    };
    socket.on(SLOT_EVENTS.progress, onProgress);
    socket.on(SLOT_EVENTS.done, onDone);
    socket.on(SOCKET_EVENTS.containerChanged, onChanged);
    return () => {
      socket.off(SLOT_EVENTS.progress, onProgress);
      socket.off(SLOT_EVENTS.done, onDone);
      socket.off(SOCKET_EVENTS.containerChanged, onChanged);
      if (refetchTimer.current) clearTimeout(refetchTimer.current);
    };
  }, [qc]);
  return runs;
}
