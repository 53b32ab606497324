// Events: what happened and when (issue 18). One row per thing that happened on an engine or in Slipway,
// kept for SLIPWAY_EVENTS_RETENTION. Pure types and schemas, shared by client and server.
import { z } from 'zod';

/** Known kinds; the dot-prefix names the source (container., health., slot., stack., update., backup., user.). */
export const EVENT_KINDS = [
  'container.start', 'container.stop', 'container.die', 'container.oom', 'container.restart', 'container.restart_loop',
  'health.unhealthy', 'health.healthy', 'probe.failed', 'probe.ok',
  'slot.switched', 'slot.deployed',
  'stack.operation',
  'update.available', 'update.applied', 'update.rolled_back',
  'backup.succeeded', 'backup.failed', 'backup.verified', 'backup.verify_failed',
  'user.action',
  // appended by the events helper (issue 18)
  'update.failed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

export interface TimelineEvent {
  id: number;
  /** ISO 8601 */
  at: string;
  env: string;
  project: string | null;
  service: string | null;
  container: string | null;
  kind: EventKind;
  severity: EventSeverity;
  summary: string;
  detail: Record<string, unknown> | null;
}

/** What a producer hands to recordEvent(); id and (by default) `at` are filled in. */
export type NewTimelineEvent = Omit<TimelineEvent, 'id' | 'at' | 'env' | 'severity'> & { at?: string; severity?: EventSeverity };

const isoOrRelative = z.string().trim().min(1).max(40);
export const eventsQuery = z.object({
  env: z.string().trim().min(1).max(64).optional(),
  project: z.string().trim().min(1).max(128).optional(),
  service: z.string().trim().min(1).max(128).optional(),
  /** one kind, or several separated by commas; a prefix ending in `.` (e.g. `container.`) matches a source */
  kind: z.string().trim().min(1).max(400).optional(),
  since: isoOrRelative.optional(),
  until: isoOrRelative.optional(),
  limit: z.coerce.number().int().min(1).max(10000).default(500),
});
export type EventsQuery = z.infer<typeof eventsQuery>;

export const EVENT_NEW = 'event:new';

// ---- error-log rate (GET /api/events/error-rate) ----
export interface ErrorRatePoint {
  container: string;
  project: string | null;
  service: string | null;
  /** ISO 8601 start of the minute */
  minute: string;
  /** lines at error level or above in that minute */
  count: number;
}

export const errorRateQuery = z.object({
  project: z.string().trim().min(1).max(128).optional(),
  service: z.string().trim().min(1).max(128).optional(),
  /** ISO, Unix seconds or a duration like 1h; at most 24 h back (what is kept); default 1h */
  since: isoOrRelative.optional(),
});
export type ErrorRateQuery = z.infer<typeof errorRateQuery>;
