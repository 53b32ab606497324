'use client';
// Set a replicated service's replica count (0..100).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { SwarmServiceDetail } from '@/server/contract';

export function ScaleControl({ service }: { service: SwarmServiceDetail }) {
  const [value, setValue] = useState(String(service.replicas ?? 1));
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 0 && n <= 100;
  const scale = useMutation({
    mutationFn: () => api(`/api/swarm/services/${service.id}/scale`, { method: 'POST', json: { replicas: n } }),
  });
  if (service.mode !== 'replicated') return <p className="text-xs text-slate-500">A {service.mode} service runs one task per eligible node; it cannot be scaled.</p>;
  return (
    <div data-testid="scale-control">
      <label className="block text-xs font-medium text-slate-600" htmlFor="replicas">Replicas</label>
      <div className="mt-1 flex gap-2">
        <input id="replicas" type="number" min={0} max={100} className="input w-24" value={value} onChange={(e) => setValue(e.target.value)} />
        <button className="btn-primary" disabled={!valid || n === service.replicas || scale.isPending} onClick={() => scale.mutate()} data-testid="scale-submit">
          {scale.isPending ? 'Scaling…' : 'Scale'}
        </button>
      </div>
      {!valid ? <p className="mt-1 text-xs text-rose-700">0 to 100 replicas</p> : null}
      {scale.isError ? <p className="mt-1 text-xs text-rose-700" role="alert">{scale.error.message}</p> : null}
    </div>
  );
}
