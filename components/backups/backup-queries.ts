'use client';
// Queries and live updates of the backups page: the catalog and targets from the API, then kept
// current by `backups:changed` and `backups:progress` pushed over the socket (no polling).
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BACKUP_EVENTS, type BackupChangedEvent, type BackupProgressEvent, type BackupView } from '@/server/contract';
import { api } from '../api';
import { getSocket } from '../socket';

export const backupKeys = { list: ['backups'] as const, targets: ['backups', 'targets'] as const };

export const useBackupsQuery = () => useQuery({ queryKey: backupKeys.list, queryFn: () => api('/api/backups?limit=500') });
export const useBackupTargetsQuery = () => useQuery({ queryKey: backupKeys.targets, queryFn: () => api('/api/backups/targets') });

/** Applies pushed events to the caches; returns live progress by backup id. */
export function useBackupLive(): Map<number, BackupProgressEvent> {
  const qc = useQueryClient();
  const [progress, setProgress] = useState(() => new Map<number, BackupProgressEvent>());
  useEffect(() => {
    const socket = getSocket();
    const onChanged = (ev: BackupChangedEvent) => {
      qc.setQueryData<BackupView[]>(backupKeys.list, (old) => {
        if (!old) return old;
        const rest = old.filter((b) => b.id !== ev.id);
        if ('deleted' in ev) return rest;
        const prev = old.find((b) => b.id === ev.id);
        return [{ ...ev, progressBytes: prev?.progressBytes ?? ev.sizeBytes }, ...rest].sort((a, b) => b.id - a.id);
      });
      void qc.invalidateQueries({ queryKey: backupKeys.targets, exact: true });
    };
    const onProgress = (ev: BackupProgressEvent) => setProgress((m) => new Map(m).set(ev.id, ev));
    const onConnect = () => void qc.invalidateQueries({ queryKey: backupKeys.list });
    socket.on(BACKUP_EVENTS.changed, onChanged);
    socket.on(BACKUP_EVENTS.progress, onProgress);
    socket.on('connect', onConnect);
    return () => {
      socket.off(BACKUP_EVENTS.changed, onChanged);
      socket.off(BACKUP_EVENTS.progress, onProgress);
      socket.off('connect', onConnect);
    };
  }, [qc]);
  return progress;
}

export function durationText(from: string, to: string | null): string {
  if (!to) return '—';
  const ms = Date.parse(to) - Date.parse(from);
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} m ${Math.round((ms % 60_000) / 1000)} s`;
}
