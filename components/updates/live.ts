'use client';
// Check results and update jobs pushed over the socket: updates:checked replaces the list; a job's
// output lines and its end are kept by job id.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { UPDATE_EVENTS, type UpdateInfo, type UpdateJob } from '@/server/contract';
import { getSocket } from '../socket';
import { updateKeys } from './queries';

export interface JobView {
  output: string;
  done: UpdateJob | null;
}

export function useUpdatesLive(): Map<string, JobView> {
  const qc = useQueryClient();
  const [jobs, setJobs] = useState(() => new Map<string, JobView>());
  useEffect(() => {
    const socket = getSocket();
    // the pushed list carries error detail; refetch so each role gets what it may see
    const onChecked = (_: { updates: UpdateInfo[] }) => void qc.invalidateQueries({ queryKey: updateKeys.list });
    const onOutput = (e: { id: string; data: string }) =>
      setJobs((m) => new Map(m).set(e.id, { output: (m.get(e.id)?.output ?? '') + e.data, done: m.get(e.id)?.done ?? null }));
    const onDone = (j: UpdateJob) => {
      setJobs((m) => new Map(m).set(j.id, { output: j.output, done: j }));
      void qc.invalidateQueries({ queryKey: updateKeys.list });
      void qc.invalidateQueries({ queryKey: ['images'] });
    };
    socket.on(UPDATE_EVENTS.checked, onChecked);
    socket.on(UPDATE_EVENTS.output, onOutput);
    socket.on(UPDATE_EVENTS.done, onDone);
    return () => {
      socket.off(UPDATE_EVENTS.checked, onChecked);
      socket.off(UPDATE_EVENTS.output, onOutput);
      socket.off(UPDATE_EVENTS.done, onDone);
    };
  }, [qc]);
  return jobs;
}
