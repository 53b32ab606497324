// recordEvent for areas written against `{ app, env }` (stacks, updates): the same insert, push to the
// environment's sockets and bus, never throwing into the flow that produced the event.
import type { AppEnv } from '../app';
import { EVENT_NEW, type NewTimelineEvent, type TimelineEvent } from '../contract';
import { publishEvent } from './bus';
import { insertEvent } from './record';

export function recordEnvEvent(ae: AppEnv, e: NewTimelineEvent): TimelineEvent | null {
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
