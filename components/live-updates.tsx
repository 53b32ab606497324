'use client';
// Applies pushed events to the React Query cache, so pages follow the server without polling it.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ContainerChangedEvent, ContainerSummary, EngineStatus, HealthResponse, StackSummary } from '@/server/contract';
import { SOCKET_EVENTS } from '@/server/contract';
import { groupStacks } from '@/server/docker/group-stacks';
import { getSocket } from './socket';
import { queryKeys } from './queries';

export function applyContainerChange(stacks: StackSummary[], ev: ContainerChangedEvent): StackSummary[] {
  const containers: ContainerSummary[] = stacks.flatMap((s) => s.services.flatMap((svc) => svc.containers)).filter((c) => c.id !== ev.id);
  if (!ev.removed && ev.container) containers.push(ev.container);
  return groupStacks(containers);
}

export function useLiveUpdates() {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const socket = getSocket();
    const onChanged = (ev: ContainerChangedEvent) => {
      qc.setQueryData<StackSummary[]>(queryKeys.stacks, (old) => (old ? applyContainerChange(old, ev) : old));
      qc.setQueryData(queryKeys.container(ev.id), (old: ContainerSummary | undefined) => (old && ev.container ? { ...old, ...ev.container } : old));
      // A read already on its way (the refetch on connect, say) may hold the state from before this change and
      // would overwrite it when it lands, for good if no later event comes (a killed container). Invalidating
      // cancels that read and starts one after the server applied the change.
      // During a burst this may restart one read several times; the pushes keep the cache current meanwhile.
      for (const queryKey of [queryKeys.stacks, queryKeys.container(ev.id)]) if (qc.isFetching({ queryKey }) > 0) void qc.invalidateQueries({ queryKey });
    };
    const onEngine = (status: EngineStatus) => {
      qc.setQueryData<HealthResponse>(queryKeys.health, {
        status: status.reachable ? 'ok' : 'degraded',
        docker: { reachable: status.reachable, version: status.version, error: status.error },
      });
      // Back from an outage: what we hold may be stale, refetch once.
      if (status.reachable) void qc.invalidateQueries({ queryKey: queryKeys.stacks });
    };
    const onEnvironment = () => void qc.invalidateQueries({ queryKey: queryKeys.environments });
    const onConnect = () => {
      setConnected(true);
      void qc.invalidateQueries({ queryKey: queryKeys.stacks });
    };
    const onDisconnect = () => setConnected(false);
    socket.on(SOCKET_EVENTS.containerChanged, onChanged);
    socket.on(SOCKET_EVENTS.engineStatus, onEngine);
    socket.on(SOCKET_EVENTS.environmentStatus, onEnvironment);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off(SOCKET_EVENTS.containerChanged, onChanged);
      socket.off(SOCKET_EVENTS.engineStatus, onEngine);
      socket.off(SOCKET_EVENTS.environmentStatus, onEnvironment);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }, [qc]);
  return { connected };
}
