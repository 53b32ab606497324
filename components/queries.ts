'use client';
// One hook per query. Pushed socket events update these caches (see live-updates.tsx).
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export const queryKeys = {
  me: ['me'] as const,
  stacks: ['stacks'] as const,
  container: (id: string) => ['container', id] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  health: ['health'] as const,
  environments: ['environments'] as const,
};

export const useMeQuery = () => useQuery({ queryKey: queryKeys.me, queryFn: () => api('/api/auth/me'), retry: false, staleTime: 60_000 });
export const useStacksQuery = () => useQuery({ queryKey: queryKeys.stacks, queryFn: () => api('/api/stacks') });
export const useContainerQuery = (id: string) =>
  useQuery({ queryKey: queryKeys.container(id), queryFn: () => api(`/api/containers/${encodeURIComponent(id)}`), retry: false });
export const useUsersQuery = () => useQuery({ queryKey: queryKeys.users, queryFn: () => api('/api/users') });
export const useTokensQuery = () => useQuery({ queryKey: queryKeys.tokens, queryFn: () => api('/api/tokens') });
export const useHealthQuery = () => useQuery({ queryKey: queryKeys.health, queryFn: () => api('/api/health') });
// reachability of other environments arrives as environment:status pushes (live-updates.tsx); the
// container counts of the others are read when a page asks for them
export const useEnvironmentsQuery = () =>
  useQuery({ queryKey: queryKeys.environments, queryFn: () => api('/api/environments'), staleTime: 5_000 });
