'use client';
// Subscribes the page to logs:* over the one socket and feeds the store. After a reconnect it
// subscribes again from the newest timestamp held; the store drops any line it already has.
import { useEffect, useRef, useState } from 'react';
import { LOGS_EVENTS, normalizeTs, type Ack, type LogLine, type LogsSkippedEvent, type LogsStatusEvent, type LogsSubscribeAck } from '@/server/contract';
import { getSocket } from '../socket';
import type { LogStore } from './log-store';

/** one container; a service's replicas; or (no service) every container of a stack */
export type LogTarget = { containerId: string } | { project: string; service?: string };

export interface StreamState {
  phase: 'connecting' | 'live' | 'error';
  error: string | null;
  containers: { id: string; name: string }[];
}

export function useLogStream(target: LogTarget | null, tail: number | 'all', store: LogStore, onData: () => void, range?: { since: string; until?: string }): StreamState {
  const [state, setState] = useState<StreamState>({ phase: 'connecting', error: null, containers: [] });
  const onDataRef = useRef(onData);
  onDataRef.current = onData;
  const key = target ? JSON.stringify(target) : '';

  useEffect(() => {
    if (!target) return;
    const socket = getSocket();
    const untilTs = range?.until ? normalizeTs(range.until) : null;
    let subId: string | null = null;
    let alive = true;
    const subscribe = () => {
      const since = store.newestTs || range?.since;
      const req = since ? { ...target, tail: 'all' as const, since } : { ...target, tail };
      socket.timeout(15_000).emit(LOGS_EVENTS.subscribe, req, (err: Error | null, ack: Ack<LogsSubscribeAck>) => {
        if (!alive) {
          if (!err && ack.ok) socket.emit(LOGS_EVENTS.unsubscribe, { subscriptionId: ack.subscriptionId });
          return;
        }
        if (err) return setState((s) => ({ ...s, phase: 'error', error: 'the server did not answer' }));
        if (!ack.ok) return setState((s) => ({ ...s, phase: 'error', error: ack.error || 'could not subscribe' }));
        subId = ack.subscriptionId;
        setState({ phase: 'live', error: null, containers: ack.containers });
      });
    };
    const onLines = (ev: { subscriptionId: string; lines: LogLine[] }) => {
      if (ev.subscriptionId !== subId) return;
      // a window (the timeline's links) ends at `until`: later lines are not shown
      const lines = untilTs ? ev.lines.filter((l) => l.ts <= untilTs) : ev.lines;
      if (lines.length === 0) return;
      store.appendLines(lines);
      onDataRef.current();
    };
    const onSkipped = (ev: LogsSkippedEvent) => {
      if (ev.subscriptionId !== subId) return;
      store.appendSkip(ev);
      onDataRef.current();
    };
    const onStatus = (ev: LogsStatusEvent) => {
      if (ev.subscriptionId !== subId) return;
      store.appendStatus(ev);
      onDataRef.current();
    };
    const onConnect = () => {
      subId = null;
      subscribe();
    };
    const onDisconnect = () => setState((s) => ({ ...s, phase: 'connecting' }));
    socket.on(LOGS_EVENTS.lines, onLines);
    socket.on(LOGS_EVENTS.skipped, onSkipped);
    socket.on(LOGS_EVENTS.status, onStatus);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) subscribe();
    return () => {
      alive = false;
      if (subId) socket.emit(LOGS_EVENTS.unsubscribe, { subscriptionId: subId });
      socket.off(LOGS_EVENTS.lines, onLines);
      socket.off(LOGS_EVENTS.skipped, onSkipped);
      socket.off(LOGS_EVENTS.status, onStatus);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tail, store]);
  return state;
}
