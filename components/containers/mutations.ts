'use client';
// Container actions from the browser: one mutation per kind; each answer refreshes the container's cache.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { queryKeys } from '../queries';
import type { ContainerActionResult, KillSignal, LifecycleAction } from '@/server/contract';

/** `as const`: a template literal type, so api() finds the route and its answer */
const base = (id: string) => `/api/containers/${encodeURIComponent(id)}` as const;

export type ActionRequest =
  | { kind: LifecycleAction }
  | { kind: 'kill'; signal: KillSignal }
  | { kind: 'rename'; name: string }
  | { kind: 'remove'; confirm: string; volumes: boolean };

export function runAction(id: string, req: ActionRequest): Promise<ContainerActionResult> {
  if (req.kind === 'kill') return api(`${base(id)}/kill`, { method: 'POST', json: { signal: req.signal } });
  if (req.kind === 'rename') return api(`${base(id)}/rename`, { method: 'POST', json: { name: req.name } });
  if (req.kind === 'remove') return api(base(id), { method: 'DELETE', json: { confirm: req.confirm, volumes: req.volumes } });
  return api(`${base(id)}/${req.kind}`, { method: 'POST' });
}

export const actionKey = (id: string) => ['container-action', id] as const;

/** What an action is called while it runs and once it is done. */
export const ACTION_WORDS: Record<LifecycleAction, { pending: string; done: string }> = {
  start: { pending: 'Starting…', done: 'started' },
  stop: { pending: 'Stopping…', done: 'stopped' },
  restart: { pending: 'Restarting…', done: 'restarted' },
  pause: { pending: 'Pausing…', done: 'paused' },
  unpause: { pending: 'Resuming…', done: 'resumed' },
  recreate: { pending: 'Recreating…', done: 'recreated' },
};

export function useContainerAction(id: string, onDone?: (req: ActionRequest, r: ContainerActionResult) => void) {
  const qc = useQueryClient();
  return useMutation({
    // keyed by container, so other cells of its row can show that an action is under way
    mutationKey: actionKey(id),
    mutationFn: (req: ActionRequest) => runAction(id, req),
    onSuccess: (r, req) => {
      void qc.invalidateQueries({ queryKey: queryKeys.container(id) });
      void qc.invalidateQueries({ queryKey: ['container-inspect', id] });
      onDone?.(req, r);
    },
  });
}

export function useUpload(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path: p, file }: { path: string; file: File }) => api(`${base(id)}/files?path=${encodeURIComponent(p)}`, { method: 'PUT', body: file }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['container-files', id] }),
  });
}
