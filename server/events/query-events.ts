// Reads the events table for GET /api/events: filters by environment, project, service, kinds (exact
// names or `source.` prefixes) and a time window, newest first. Times are ISO 8601, Unix seconds or a
// duration before now (`15m`, `2h`, `7d`), parsed by the logs area's parser; anything else is a 400.
import { parseTimeParam, type EventKind, type EventSeverity, type EventsQuery, type TimelineEvent } from '../contract';
import { HttpError } from '../http/errors';
import type { Db } from '../store/db';

interface Row {
  id: number;
  at: number;
  env: string;
  project: string | null;
  service: string | null;
  container: string | null;
  kind: string;
  severity: string;
  summary: string;
  detail: string | null;
}

/** A `since`/`until` value as epoch milliseconds; a 400 naming the parameter when it is no time. */
export function timeBound(name: 'since' | 'until', value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const ns = parseTimeParam(value, nowMs);
  if (ns === null) throw new HttpError(400, `${name}: expected an ISO time, Unix seconds or a duration like 15m, 2h, 7d`, { parameter: name });
  return Number(ns / 1_000_000n);
}

/** `container.die,backup.` → exact kinds and prefixes; a 400 for anything that is not a kind name. */
export function kindFilter(raw: string | undefined): { exact: string[]; prefixes: string[] } {
  const parts = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > 40) throw new HttpError(400, 'kind: at most 40 kinds', { parameter: 'kind' });
  for (const p of parts) if (!/^[a-z_]+(\.[a-z_]*)?$/.test(p)) throw new HttpError(400, `kind: "${p.slice(0, 40)}" is not a kind (e.g. container.die) or a prefix (e.g. container.)`, { parameter: 'kind' });
  return { exact: parts.filter((p) => !p.endsWith('.')), prefixes: parts.filter((p) => p.endsWith('.')) };
}

export function toEvent(r: Row): TimelineEvent {
  let detail: Record<string, unknown> | null = null;
  try {
    detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null;
  } catch {
    detail = null;
  }
  return {
    id: r.id, at: new Date(r.at).toISOString(), env: r.env, project: r.project, service: r.service, container: r.container,
    kind: r.kind as EventKind, severity: r.severity as EventSeverity, summary: r.summary, detail,
  };
}

export function queryEvents(db: Db, q: EventsQuery & { env?: string }, nowMs = Date.now()): TimelineEvent[] {
  const since = timeBound('since', q.since, nowMs);
  const until = timeBound('until', q.until, nowMs);
  if (since !== undefined && until !== undefined && since > until) throw new HttpError(400, 'since: must not be after until', { parameter: 'since' });
  const kinds = kindFilter(q.kind);
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    where.push(clause);
    args.push(value);
  };
  if (q.env) add('env = ?', q.env);
  if (q.project) add('project = ?', q.project);
  if (q.service) add('service = ?', q.service);
  if (since !== undefined) add('at >= ?', since);
  if (until !== undefined) add('at <= ?', until);
  if (kinds.exact.length || kinds.prefixes.length) {
    const ors = [
      ...(kinds.exact.length ? [`kind IN (${kinds.exact.map(() => '?').join(',')})`] : []),
      ...kinds.prefixes.map(() => 'substr(kind, 1, ?) = ?'),
    ];
    where.push(`(${ors.join(' OR ')})`);
    args.push(...kinds.exact, ...kinds.prefixes.flatMap((p) => [p.length, p]));
  }
  const sql = `SELECT * FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, q.limit) as Row[]).map(toEvent);
}
