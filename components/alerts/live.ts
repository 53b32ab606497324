'use client';
// An alert opened, repeated or resolved: refetch the alerts and their deliveries (low rate).
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ALERT_CHANGED } from '@/server/contract';
import { getSocket } from '../socket';
import { alertKeys } from './queries';

export function useAlertsLive() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const onChanged = () => {
      void qc.invalidateQueries({ queryKey: alertKeys.alerts });
      void qc.invalidateQueries({ queryKey: alertKeys.deliveries });
    };
    socket.on(ALERT_CHANGED, onChanged);
    return () => void socket.off(ALERT_CHANGED, onChanged);
  }, [qc]);
}
