'use client';
// Stack queries: the list (with deployed/managed/files/drift), one stack, its files, history, operations.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const stackKeys = {
  list: ['stack-list'] as const,
  detail: (name: string) => ['stack', name] as const,
  files: (name: string, file?: string) => ['stack', name, 'files', file ?? ''] as const,
  history: (name: string) => ['stack', name, 'history'] as const,
  operations: (name: string) => ['stack', name, 'operations'] as const,
  operation: (id: string) => ['operation', id] as const,
  overview: ['operations-overview'] as const,
};

const enc = encodeURIComponent;
export const useStackList = () => useQuery({ queryKey: stackKeys.list, queryFn: () => api('/api/stacks'), refetchInterval: 10_000 });
export const useStackDetail = (name: string) => useQuery({ queryKey: stackKeys.detail(name), queryFn: () => api(`/api/stacks/${enc(name)}`) });
export const useStackFiles = (name: string, file?: string) =>
  useQuery({ queryKey: stackKeys.files(name, file), queryFn: () => api(file ? `/api/stacks/${enc(name)}/files?file=${enc(file)}` : `/api/stacks/${enc(name)}/files`), retry: false });
export const useFileHistory = (name: string) => useQuery({ queryKey: stackKeys.history(name), queryFn: () => api(`/api/stacks/${enc(name)}/files/history`) });
export const useStackOperations = (name: string) => useQuery({ queryKey: stackKeys.operations(name), queryFn: () => api(`/api/stacks/${enc(name)}/operations`) });
export const useOperation = (id: string | null) =>
  useQuery({ queryKey: stackKeys.operation(id ?? ''), queryFn: () => api(`/api/operations/${id}`), enabled: !!id });
export const useOperationsOverview = () => useQuery({ queryKey: stackKeys.overview, queryFn: () => api('/api/operations'), staleTime: 60_000 });
