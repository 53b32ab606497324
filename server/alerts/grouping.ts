// Grouping, deduplication and resolution of alerts. Pure: unit-tested. One open alert per rule and key:
// a repeat of the condition updates it (count, last seen) and is sent again only once the rule's group
// window has passed since the last send; the condition clearing resolves it and sends "resolved".
export interface OpenState {
  lastSentAt: number | null;
}

export type Decision = 'open' | 'repeat' | 'repeat-and-send' | 'resolve' | 'none';

/**
 * `newOccurrence`: the condition was seen again (an event rule's event; a state rule's state that changed),
 * rather than merely still holding on a re-evaluation, which changes nothing.
 */
export function decide(open: OpenState | undefined, holds: boolean, now: number, windowMs: number, newOccurrence = true): Decision {
  if (holds) {
    if (!open) return 'open';
    if (!newOccurrence) return 'none';
    return open.lastSentAt === null || now - open.lastSentAt >= windowMs ? 'repeat-and-send' : 'repeat';
  }
  return open ? 'resolve' : 'none';
}
