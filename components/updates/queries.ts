'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const updateKeys = { list: ['updates'] as const };
export const useUpdatesQuery = () => useQuery({ queryKey: updateKeys.list, queryFn: () => api('/api/updates') });
