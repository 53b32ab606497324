'use client';
// The health report, refetched when a push says something changed (debounced): no polling.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContainerDetail, HealthChangedEvent, ProbeResult } from '@/server/contract';
import { HEALTH_EVENTS, SOCKET_EVENTS } from '@/server/contract';
import { api } from '../api';
import { getSocket } from '../socket';
import { queryKeys } from '../queries';
import type { ContainerChangedEvent } from '@/server/contract';

export const healthReportKey = ['health-report'] as const;

export const useHealthReportQuery = () => useQuery({ queryKey: healthReportKey, queryFn: () => api('/api/health/containers') });

export function useHealthReportUpdates() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refetch = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: healthReportKey });
      }, 400);
    };
    socket.on(HEALTH_EVENTS.changed, refetch);
    socket.on(SOCKET_EVENTS.containerChanged, refetch);
    return () => {
      socket.off(HEALTH_EVENTS.changed, refetch);
      socket.off(SOCKET_EVENTS.containerChanged, refetch);
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
}

/** Keeps a container detail's probe results and history current from `health:changed`. */
export function useProbeUpdates(id: string | undefined) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!id) return;
    const socket = getSocket();
    const onChanged = (ev: HealthChangedEvent) => {
      qc.setQueriesData<ContainerDetail>({ queryKey: ['container'] }, (old) => {
        if (!old || old.id !== ev.containerId) return old;
        const history: Record<string, ProbeResult[]> = { ...(old.probeHistory ?? {}) };
        for (const r of ev.probes) history[r.name] = [...(history[r.name] ?? []), r].slice(-60);
        const latest = new Map(old.probes.map((p) => [p.name, p]));
        for (const r of ev.probes) latest.set(r.name, r);
        return { ...old, probeStatus: ev.probeStatus, probes: [...latest.values()].sort((a, b) => a.name.localeCompare(b.name)), probeHistory: history };
      });
    };
    // Docker's healthcheck log lives in the detail only: refetch it when Docker's verdict changes.
    const onContainer = (ev: ContainerChangedEvent) => {
      const old = qc.getQueryData<ContainerDetail>(queryKeys.container(id));
      if (old && old.id === ev.id && (old.health !== ev.health || old.state !== ev.state || ev.health === 'unhealthy')) void qc.invalidateQueries({ queryKey: queryKeys.container(id) });
    };
    socket.on(HEALTH_EVENTS.changed, onChanged);
    socket.on(SOCKET_EVENTS.containerChanged, onContainer);
    return () => {
      socket.off(HEALTH_EVENTS.changed, onChanged);
      socket.off(SOCKET_EVENTS.containerChanged, onContainer);
    };
  }, [id, qc]);
}
