'use client';
// Swarm data: status and nodes, services, one service with its tasks, local images, and the pushed
// progress of a service (swarm:watch), which is written straight into the service's query cache.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { getSocket } from '../socket';
import { SWARM_EVENTS, type SwarmProgressEvent } from '@/server/contract';

export const swarmKeys = {
  status: ['swarm'] as const,
  services: ['swarm', 'services'] as const,
  service: (id: string) => ['swarm', 'service', id] as const,
  images: ['swarm', 'images'] as const,
};

export const useSwarmStatusQuery = () => useQuery({ queryKey: swarmKeys.status, queryFn: () => api('/api/swarm'), refetchInterval: 15_000 });
export const useSwarmServicesQuery = (enabled: boolean) =>
  useQuery({ queryKey: swarmKeys.services, queryFn: () => api('/api/swarm/services'), enabled, refetchInterval: 10_000 });
export const useSwarmServiceQuery = (id: string) =>
  useQuery({ queryKey: swarmKeys.service(id), queryFn: () => api(`/api/swarm/services/${encodeURIComponent(id)}`), retry: false });
export const useSwarmImagesQuery = (enabled: boolean) => useQuery({ queryKey: swarmKeys.images, queryFn: () => api('/api/swarm/images'), enabled });

/**
 * Watches a service over the socket while mounted: every pushed snapshot replaces the cached service
 * (tasks, replicas, update status); returns the latest event of a run so the page can show it.
 */
export function useServiceProgress(id: string, serviceId: string | undefined): SwarmProgressEvent | null {
  const qc = useQueryClient();
  const [run, setRun] = useState<SwarmProgressEvent | null>(null);
  useEffect(() => {
    if (!serviceId) return;
    const socket = getSocket();
    const onProgress = (ev: SwarmProgressEvent) => {
      if (ev.serviceId !== serviceId) return;
      if (ev.service) qc.setQueryData(swarmKeys.service(id), ev.service);
      if (ev.runId) setRun(ev);
      if (ev.phase === 'done') void qc.invalidateQueries({ queryKey: swarmKeys.services });
    };
    const watch = () => void socket.emitWithAck(SWARM_EVENTS.watch, { serviceId }).catch(() => undefined);
    socket.on(SWARM_EVENTS.progress, onProgress);
    // (re)join the service's room on every connection: rooms do not survive a reconnect
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off(SWARM_EVENTS.progress, onProgress);
      socket.off('connect', watch);
      socket.emit(SWARM_EVENTS.unwatch, { serviceId });
    };
  }, [qc, id, serviceId]);
  return run;
}
