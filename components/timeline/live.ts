'use client';
// event:new pushed by the server (only this environment's) goes into every cached event list it
// belongs to, newest first, so the timeline and a stack's recent events move without polling.
// Pushes are gathered and applied at most every FLUSH_MS: a burst (1,000 restarts in a minute is four
// thousand events) would otherwise copy the cached list and lay the whole timeline out again per event.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EVENT_NEW, type TimelineEvent } from '@/server/contract';
import { getSocket } from '../socket';
import { timelineKeys } from './queries';

const CAP = 10_000;
const FLUSH_MS = 250;

export function useEventsLive() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    let pending: TimelineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      // newest first, as the lists are
      const batch = pending.reverse();
      pending = [];
      for (const [key, list] of qc.getQueriesData<TimelineEvent[]>({ queryKey: timelineKeys.all })) {
        // ['events', project, since, limit]; the error-rate queries share the prefix but hold other rows
        if (!list || key[1] === 'error-rate') continue;
        const project = key[1] as string;
        const limit = Number(key[3] ?? CAP);
        const mine = project ? batch.filter((e) => e.project === project) : batch;
        if (mine.length === 0) continue;
        const ids = new Set(mine.map((e) => e.id));
        for (const x of list) if (ids.has(x.id)) ids.delete(x.id); // already there (a refetch raced the push)
        const fresh = mine.filter((e) => ids.has(e.id));
        if (fresh.length) qc.setQueryData<TimelineEvent[]>(key, [...fresh, ...list].slice(0, limit));
      }
    };
    const onNew = (e: TimelineEvent) => {
      pending.push(e);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    socket.on(EVENT_NEW, onNew);
    return () => {
      socket.off(EVENT_NEW, onNew);
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
}
