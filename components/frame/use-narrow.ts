'use client';
// Whether the viewport is phone-sized (below Tailwind's `md`, 768 px): pages that need a different layout on
// phones (cards instead of wide tables) render one of the two, not both hidden and shown by CSS.
import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 767px)';
const subscribe = (onChange: () => void) => {
  const m = window.matchMedia(QUERY);
  m.addEventListener('change', onChange);
  return () => m.removeEventListener('change', onChange);
};

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
}
