// The audit log, filtered and paged (older pages load on demand after the oldest id shown).
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditFilters } from '@/server/contract';
import { api } from '../api';

export const PAGE = 100;

/** The query string of a set of filters (empty ones left out), shared by the list and the export. */
export function auditSearch(filters: AuditFilters & { format?: 'csv' | 'jsonl' }): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, String(v));
  return p;
}

export function useAuditPages(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => {
      const p = auditSearch(filters);
      p.set('limit', String(PAGE));
      if (pageParam) p.set('before', String(pageParam));
      return api(`/api/audit?${p}`);
    },
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].id : undefined),
  });
}
