// Types and zod schemas for the logs area (HTTP query and socket events), shared by client and server.
// Timestamps stay Docker's RFC3339Nano strings, normalised to 9 fraction digits so that plain string
// comparison orders them exactly (a Date would lose the nanoseconds that order and dedupe rely on).
import { z } from 'zod';
import { containerRef } from './core';

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** RFC3339 UTC with exactly 9 fraction digits, e.g. 2026-11-22T23:00:00.123456789Z */
  ts: string;
  stream: LogStream;
  text: string;
  containerId: string;
}

export interface LogsLinesEvent {
  subscriptionId: string;
  lines: LogLine[];
}

/** Lines the server dropped for a viewer too slow to take them; fetch them with GET .../logs?since=&until= */
export interface LogsSkippedEvent {
  subscriptionId: string;
  count: number;
  /** ts of the first and last skipped line (inclusive) */
  fromTs: string;
  toTs: string;
  containerIds: string[];
}

/** A container's stream stopped (exited/removed), is reconnecting (engine away), or follows again. */
export interface LogsStatusEvent {
  subscriptionId: string;
  containerId: string;
  containerName: string;
  state: 'following' | 'ended' | 'reconnecting';
  message: string;
  /** with `ended`: the container's exit code when known (0 is a clean stop, not an error) */
  exitCode?: number | null;
}

export const LOGS_EVENTS = {
  subscribe: 'logs:subscribe',
  unsubscribe: 'logs:unsubscribe',
  lines: 'logs:lines',
  skipped: 'logs:skipped',
  status: 'logs:status',
} as const;

// ---- timestamps ----
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;
const UNIX = /^(\d{1,12})(?:\.(\d{1,9}))?$/;
const RELATIVE = /^(\d{1,9})(s|m|h|d)$/;
const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Nanoseconds since the epoch of an RFC3339 time, or null when it is not one. */
export function rfc3339ToNanos(ts: string): bigint | null {
  const m = RFC3339.exec(ts);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4].toUpperCase()}`);
  if (!Number.isFinite(ms)) return null;
  return BigInt(ms) * 1_000_000n + BigInt((m[3] ?? '').padEnd(9, '0'));
}

export function nanosToTs(ns: bigint): string {
  const sec = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(Number(sec) * 1000).toISOString().slice(0, 19)}.${frac}Z`;
}

/** Docker prints RFC3339Nano with trailing zeros trimmed; pad to 9 digits so strings sort as times. */
export function normalizeTs(ts: string): string {
  // Fast paths for Docker's own form (UTC, trailing fraction zeros trimmed): pad, no parsing.
  const n = ts.length;
  if (n <= 30 && n > 21 && ts.charCodeAt(n - 1) === 90 /* Z */ && ts.charCodeAt(19) === 46 /* . */) return n === 30 ? ts : ts.slice(0, n - 1).padEnd(29, '0') + 'Z';
  if (n === 20 && ts.charCodeAt(19) === 90) return ts.slice(0, 19) + '.000000000Z';
  const ns = rfc3339ToNanos(ts);
  return ns === null ? ts : nanosToTs(ns);
}

/** Docker's `since`/`until` query form: seconds with 9 fraction digits. */
export function nanosToDockerTime(ns: bigint): string {
  return `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/**
 * A time given by a person or a script: RFC3339 (fraction optional), Unix seconds (fraction
 * optional), or a duration before `now` such as 30s, 10m, 2h, 1d. Null when none of those.
 */
export function parseTimeParam(value: string, nowMs = Date.now()): bigint | null {
  const v = value.trim();
  const rel = RELATIVE.exec(v);
  const unix = rel ? null : UNIX.exec(v);
  const ns = rel
    ? BigInt(nowMs) * 1_000_000n - BigInt(Number(rel[1]) * UNIT_S[rel[2]]) * 1_000_000_000n
    : unix
      ? BigInt(unix[1]) * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0'))
      : rfc3339ToNanos(v);
  // Before the epoch or past 9999 is no log time (`since=999999999d` is a 400, never a 500 later on).
  return ns !== null && ns >= 0n && ns <= MAX_TIME_NS ? ns : null;
}

const MAX_TIME_NS = BigInt(Date.UTC(9999, 11, 31)) * 1_000_000n;

// ---- schemas ----
const timeParam = z.string().max(64).refine((v) => parseTimeParam(v) !== null, 'expected RFC3339, Unix seconds or a duration like 10m');
/** `all` or a count; -1 and the like are refused so a script's typo does not read a whole log by accident. */
const tailParam = z.union([z.literal('all'), z.coerce.number().int('must be an integer').min(0, 'must be 0 or more or "all"').max(10_000_000)]);
const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const logsDownloadQuery = z
  .object({
    tail: tailParam.default('all'),
    /** only lines strictly after this time (so the ts of the last line held resumes without a duplicate) */
    since: timeParam.optional(),
    /** only lines at or before this time */
    until: timeParam.optional(),
    timestamps: boolParam.default('false'),
    /** plain, case-sensitive substring */
    grep: z.string().max(500).optional(),
    stream: z.enum(['stdout', 'stderr', 'all']).default('all'),
    /** text (default) or jsonl: one {ts, stream, text, containerId} object a line */
    format: z.enum(['text', 'jsonl']).default('text'),
  })
  .strict();
export type LogsDownloadQuery = z.infer<typeof logsDownloadQuery>;

const subscribeCommon = {
  tail: z.union([z.literal('all'), z.number().int().min(0).max(1_000_000)]).default(200),
  since: timeParam.optional(),
};
export const logsSubscribeSchema = z.union([
  z.object({ containerId: containerRef, ...subscribeCommon }).strict(),
  // a service's replicas merged, or (no service) the whole stack's containers merged
  z.object({ project: z.string().min(1).max(128), service: z.string().min(1).max(128).optional(), ...subscribeCommon }).strict(),
]);
export type LogsSubscribe = z.infer<typeof logsSubscribeSchema>;
export const logsUnsubscribeSchema = z.object({ subscriptionId: z.string().min(1).max(64) });
