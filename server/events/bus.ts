// The in-process event bus (issue 18): every recorded event is offered to listeners (alert rules,
// the timeline's live push) after it is stored. Process-wide, whatever the environment: a listener
// reads `event.env` to tell engines apart. A listener that throws never stops the others.
import type { TimelineEvent } from '../contract';

type Listener = (event: TimelineEvent) => void;

const KEY = Symbol.for('slipway.events.bus');
type Holder = { [KEY]?: Set<Listener> };

function listeners(): Set<Listener> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new Set());
}

/** Calls `fn` for every event recorded from now on; returns the unsubscribe function. */
export function subscribeEvents(fn: Listener): () => void {
  listeners().add(fn);
  return () => void listeners().delete(fn);
}

export function publishEvent(event: TimelineEvent): void {
  for (const fn of listeners()) {
    try {
      fn(event);
    } catch (e) {
      console.error('[events] a listener failed:', (e as Error).message);
    }
  }
}
