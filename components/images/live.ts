'use client';
// Pulls in progress, pushed over the socket (images:pull-progress / images:pull-done); the image list
// is refetched when one ends.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { IMAGE_EVENTS, type PullState } from '@/server/contract';
import { getSocket } from '../socket';
import { imageKeys } from './queries';

export function usePullsLive(): Map<string, PullState> {
  const qc = useQueryClient();
  const [pulls, setPulls] = useState(() => new Map<string, PullState>());
  useEffect(() => {
    const socket = getSocket();
    const onProgress = (p: PullState) => setPulls((m) => new Map(m).set(p.id, p));
    const onDone = (p: PullState) => {
      onProgress(p);
      void qc.invalidateQueries({ queryKey: imageKeys.list });
    };
    socket.on(IMAGE_EVENTS.pullProgress, onProgress);
    socket.on(IMAGE_EVENTS.pullDone, onDone);
    return () => {
      socket.off(IMAGE_EVENTS.pullProgress, onProgress);
      socket.off(IMAGE_EVENTS.pullDone, onDone);
    };
  }, [qc]);
  return pulls;
}
