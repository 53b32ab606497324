// Stores one event, pushes it to its environment's sockets (`event:new`) and offers it to the bus.
// Producers call this and never wait on delivery: a failing insert is logged, not thrown into the flow
// that produced the event (a switch or a backup must not fail because its timeline entry did).
import type { AppEnv } from '../app';
import { EVENT_NEW, type NewTimelineEvent, type TimelineEvent } from '../contract';
import type { Db } from '../store/db';
import { publishEvent } from './bus';

export function insertEvent(db: Db, env: string, e: NewTimelineEvent): TimelineEvent {
  const at = e.at ?? new Date().toISOString();
  const severity = e.severity ?? 'info';
  const detail = e.detail ?? null;
  const info = db
    .prepare('INSERT INTO events (at, env, project, service, container, kind, severity, summary, detail) VALUES (?,?,?,?,?,?,?,?,?)')
    .run(Date.parse(at), env, e.project, e.service, e.container, e.kind, severity, e.summary.slice(0, 500), detail ? JSON.stringify(detail) : null);
  return { id: Number(info.lastInsertRowid), at, env, project: e.project, service: e.service, container: e.container, kind: e.kind, severity, summary: e.summary.slice(0, 500), detail };
}

export function recordEvent(ae: AppEnv, e: NewTimelineEvent): TimelineEvent | null {
  try {
    const event = insertEvent(ae.app.db, ae.env.name, e);
    ae.env.emit(EVENT_NEW, event);
    publishEvent(event);
    return event;
  } catch (err) {
    console.error('[events] could not record', e.kind, (err as Error).message);
    return null;
  }
}
