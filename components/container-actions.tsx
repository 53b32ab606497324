'use client';
import { useMutation } from '@tanstack/react-query';
import { api } from './api';
import type { ContainerSummary, Role } from '@/server/contract';

export function ContainerActions({ c, role }: { c: ContainerSummary; role: Role }) {
  const m = useMutation({
    mutationFn: (action: 'start' | 'stop' | 'restart') => api(`/api/containers/${c.id}/${action}`, { method: 'POST' }),
  });
  if (role === 'viewer') return null;
  const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  return (
    <div className="flex items-center justify-end gap-1.5">
      {running ? (
        <>
          <button className="btn" disabled={m.isPending} onClick={() => m.mutate('restart')}>Restart</button>
          <button className="btn btn-danger" disabled={m.isPending} onClick={() => m.mutate('stop')}>Stop</button>
        </>
      ) : (
        <button className="btn" disabled={m.isPending} onClick={() => m.mutate('start')}>Start</button>
      )}
      {m.isError ? <span className="text-xs text-rose-600" title={m.error.message}>failed</span> : null}
    </div>
  );
}
