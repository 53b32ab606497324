'use client';
// The overview's container selection for bulk actions: a tiny external store, so a checkbox toggling
// re-renders only the checkboxes and the bulk bar, not the whole overview.
import { useSyncExternalStore } from 'react';

let selected: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const selection = {
  toggle(id: string) {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    selected = next;
    emit();
  },
  clear() {
    selected = new Set();
    emit();
  },
  subscribe(l: () => void) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};

export function useSelection(): ReadonlySet<string> {
  return useSyncExternalStore(selection.subscribe, () => selected, () => selected);
}
