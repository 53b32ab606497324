'use client';
// The timeline's reads: events (newest first, up to 10,000) and per-minute error-line counts, for one
// stack or the whole environment, over a look-back window.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export interface TimelineScope {
  project?: string;
  /** a duration the server understands: 1h, 6h, 24h, 7d */
  since: string;
}

export const timelineKeys = {
  events: (s: TimelineScope) => ['events', s.project ?? '', s.since] as const,
  errorRate: (s: TimelineScope) => ['events', 'error-rate', s.project ?? '', s.since] as const,
  all: ['events'] as const,
};

const qs = (o: Record<string, string | undefined>) =>
  Object.entries(o).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&');

export const useEventsQuery = (s: TimelineScope, limit = 10_000) =>
  useQuery({ queryKey: [...timelineKeys.events(s), limit], queryFn: () => api(`/api/events?${qs({ project: s.project, since: s.since, limit: String(limit) })}`) });

/** The error rate is kept for a day: a longer look-back asks for the day. */
export const useErrorRateQuery = (s: TimelineScope) =>
  useQuery({
    queryKey: timelineKeys.errorRate(s),
    queryFn: () => api(`/api/events/error-rate?${qs({ project: s.project, since: s.since.endsWith('d') ? '24h' : s.since })}`),
    refetchInterval: 60_000,
  });
