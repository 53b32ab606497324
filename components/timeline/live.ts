'use client';
// event:new pushed by the server (only this environment's) goes into every cached event list it
// belongs to, newest first, so the timeline and a stack's recent events move without polling.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EVENT_NEW, type TimelineEvent } from '@/server/contract';
import { getSocket } from '../socket';
import { timelineKeys } from './queries';

const CAP = 10_000;

export function useEventsLive() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const onNew = (e: TimelineEvent) => {
      for (const [key, list] of qc.getQueriesData<TimelineEvent[]>({ queryKey: timelineKeys.all })) {
        // ['events', project, since, limit]; the error-rate queries share the prefix but hold other rows
        if (!list || key[1] === 'error-rate') continue;
        const project = key[1] as string;
        const limit = Number(key[3] ?? CAP);
        if (project && e.project !== project) continue;
        if (list.some((x) => x.id === e.id)) continue;
        qc.setQueryData<TimelineEvent[]>(key, [e, ...list].slice(0, limit));
      }
    };
    socket.on(EVENT_NEW, onNew);
    return () => void socket.off(EVENT_NEW, onNew);
  }, [qc]);
}
