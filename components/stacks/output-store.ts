'use client';
// Output of operations seen by this tab, from the socket, so a terminal opened on an operation started
// here shows it from its first byte. Operations started elsewhere start from the stored output instead.
import { OPERATION_OUTPUT, type OperationOutputEvent } from '@/server/contract';
import { getSocket } from '../socket';

type Listener = (data: string) => void;
const buffers = new Map<string, string>();
const listeners = new Map<string, Set<Listener>>();
let attached = false;

export function attachOutputStore() {
  if (attached) return;
  attached = true;
  getSocket().on(OPERATION_OUTPUT, (e: OperationOutputEvent) => {
    const prev = buffers.get(e.id) ?? '';
    // bounded: a tab keeps at most 1 MB per operation
    buffers.set(e.id, (prev + e.data).slice(-1_000_000));
    for (const l of listeners.get(e.id) ?? []) l(e.data);
  });
}

export function bufferedOutput(id: string): string | null {
  return buffers.get(id) ?? null;
}

export function followOutput(id: string, listener: Listener): () => void {
  let set = listeners.get(id);
  if (!set) listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
