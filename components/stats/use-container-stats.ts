'use client';
// Subscribes to one container's live samples (the ack brings the last 10 minutes), and again after
// a reconnect; unsubscribes on unmount so the server's collector can stop.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { StatsEndedEvent, StatsSample } from '@/server/contract';
import { STATS_EVENTS } from '@/server/contract';
import { getSocket } from '../socket';
import { StatsSeries } from './stats-series';

export function useContainerStats(containerId: string | undefined) {
  const [series] = useState(() => new StatsSeries());
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

  useEffect(() => {
    if (!containerId) return;
    const socket = getSocket();
    const onSample = (s: StatsSample) => {
      if (s.containerId === containerId) series.push(s);
    };
    const subscribe = () => {
      socket.emit(STATS_EVENTS.subscribe, { containerId }, (r) => {
        if (!r.ok) return setError(r.error || 'could not subscribe');
        setError(null);
        series.reset(r.history);
      });
    };
    // The server ends the subscription of a removed container: say so instead of a silently frozen chart.
    const onEnded = (e: StatsEndedEvent) => {
      if (e.containerId === containerId) setEnded(e.reason);
    };
    socket.on(STATS_EVENTS.sample, onSample);
    socket.on(STATS_EVENTS.ended, onEnded);
    socket.on('connect', subscribe);
    subscribe();
    return () => {
      socket.off(STATS_EVENTS.sample, onSample);
      socket.off(STATS_EVENTS.ended, onEnded);
      socket.off('connect', subscribe);
      socket.emit(STATS_EVENTS.unsubscribe, { containerId });
    };
  }, [containerId, series]);

  return { series, error, ended };
}

/** The newest sample, re-rendering the caller once per sample. */
export function useLatestSample(series: StatsSeries): StatsSample | null {
  return useSyncExternalStore(
    (fn) => series.subscribe(fn),
    () => series.latest,
    () => null,
  );
}
