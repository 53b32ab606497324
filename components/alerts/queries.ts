'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const alertKeys = {
  all: ['alerts'] as const,
  rules: ['alerts', 'rules'] as const,
  alerts: ['alerts', 'list'] as const,
  deliveries: ['alerts', 'deliveries'] as const,
  quiet: ['alerts', 'quiet-hours'] as const,
};

export const useAlertRulesQuery = () => useQuery({ queryKey: alertKeys.rules, queryFn: () => api('/api/alerts/rules') });
export const useAlertsQuery = () => useQuery({ queryKey: alertKeys.alerts, queryFn: () => api('/api/alerts?limit=100') });
export const useAlertDeliveriesQuery = () =>
  useQuery({ queryKey: alertKeys.deliveries, queryFn: () => api('/api/alerts/deliveries?limit=50'), refetchInterval: 5000 });
export const useQuietHoursQuery = () => useQuery({ queryKey: alertKeys.quiet, queryFn: () => api('/api/alerts/quiet-hours') });
/** admins only (the destinations list carries URLs) */
export const useDestinationChoicesQuery = (enabled: boolean) =>
  useQuery({ queryKey: ['notifications', 'destinations'], queryFn: () => api('/api/notifications/destinations'), enabled });
