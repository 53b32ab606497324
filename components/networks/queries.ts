'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const networkKeys = { list: ['networks'] as const };
export const useNetworksQuery = () => useQuery({ queryKey: networkKeys.list, queryFn: () => api('/api/networks') });
export const removeUnusedNetworks = (names: string[]) => api('/api/networks/prune', { method: 'POST', json: { names } });
