'use client';
// Rolling update of a service's image with its update_config: parallelism, delay, order (start-first
// keeps the old task until its replacement runs), failure action and monitor window. Images come
// from the environment's engine; a rollback button returns to the previous version.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import { useSwarmImagesQuery } from './swarm-queries';
import type { SwarmServiceDetail, SwarmUpdateRequest } from '@/server/contract';

export function UpdateForm({ service, busy }: { service: SwarmServiceDetail; busy: boolean }) {
  const images = useSwarmImagesQuery(true);
  const cfg = service.updateConfig;
  const [image, setImage] = useState(service.image);
  const [parallelism, setParallelism] = useState(String(cfg?.parallelism ?? 1));
  const [delay, setDelay] = useState(String(cfg?.delaySeconds ?? 0));
  const [monitor, setMonitor] = useState(String(cfg?.monitorSeconds ?? 5));
  const [order, setOrder] = useState<SwarmUpdateRequest['order']>('start-first');
  const [failureAction, setFailureAction] = useState<SwarmUpdateRequest['failureAction']>('rollback');
  const update = useMutation({
    mutationFn: () =>
      api(`/api/swarm/services/${service.id}/update`, {
        method: 'POST',
        json: { image: image.trim(), parallelism: Number(parallelism), delaySeconds: Number(delay), monitorSeconds: Number(monitor), order, failureAction },
      }),
  });
  const numbersOk = [parallelism, delay, monitor].every((v) => v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0);
  return (
    <div className="space-y-3" data-testid="update-form">
      <div>
        <label className="block text-xs font-medium text-slate-600" htmlFor="update-image">Image</label>
        <input id="update-image" className="input mt-1 font-mono text-xs" list="swarm-images" value={image} onChange={(e) => setImage(e.target.value)} placeholder="repository:tag" />
        <datalist id="swarm-images">
          {(images.data ?? []).map((i) => <option key={i.ref} value={i.ref} />)}
        </datalist>
      </div>
      <div className="grid grid-cols-3 gap-2">
        <Num id="parallelism" label="Parallelism" value={parallelism} set={setParallelism} hint="0 = all at once" />
        <Num id="delay" label="Delay (s)" value={delay} set={setDelay} />
        <Num id="monitor" label="Monitor (s)" value={monitor} set={setMonitor} />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs font-medium text-slate-600">Order
          <select className="input mt-1" value={order} onChange={(e) => setOrder(e.target.value as SwarmUpdateRequest['order'])}>
            <option value="start-first">start-first</option>
            <option value="stop-first">stop-first</option>
          </select>
        </label>
        <label className="text-xs font-medium text-slate-600">On failure
          <select className="input mt-1" value={failureAction} onChange={(e) => setFailureAction(e.target.value as SwarmUpdateRequest['failureAction'])}>
            <option value="rollback">roll back</option>
            <option value="pause">pause</option>
            <option value="continue">continue</option>
          </select>
        </label>
      </div>
      <p className="text-[11px] leading-4 text-slate-500">start-first runs each new task before its old one stops (no downtime); the monitor is how long a new task must stay up to count.</p>
      <button className="btn-primary" disabled={!image.trim() || !numbersOk || update.isPending || busy} onClick={() => update.mutate()} data-testid="update-submit">
        {update.isPending ? 'Submitting…' : busy ? 'Rollout running…' : 'Roll out'}
      </button>
      {update.isError ? <p className="text-xs text-rose-700" role="alert">{update.error.message}</p> : null}
      {update.data?.warnings.length ? <p className="text-xs text-amber-700">{update.data.warnings.join('; ')}</p> : null}
    </div>
  );
}

function Num({ id, label, value, set, hint }: { id: string; label: string; value: string; set: (v: string) => void; hint?: string }) {
  return (
    <label className="text-xs font-medium text-slate-600" htmlFor={id} title={hint}>{label}
      <input id={id} type="number" min={0} className="input mt-1" value={value} onChange={(e) => set(e.target.value)} />
    </label>
  );
}

export function RollbackButton({ service, busy }: { service: SwarmServiceDetail; busy: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const rollback = useMutation({
    mutationFn: () => api(`/api/swarm/services/${service.id}/rollback`, { method: 'POST' }),
    onSettled: () => setConfirming(false),
  });
  if (!service.previousImage) return <p className="text-xs text-slate-500">No previous version to roll back to.</p>;
  return (
    <div data-testid="rollback">
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-700">Roll back to <code>{service.previousImage}</code>?</span>
          <button className="btn btn-danger" onClick={() => rollback.mutate()} disabled={rollback.isPending} data-testid="rollback-confirm">{rollback.isPending ? 'Rolling back…' : 'Roll back'}</button>
          <button className="btn" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <button className="btn btn-danger" onClick={() => setConfirming(true)} disabled={busy} data-testid="rollback-button">Roll back to {service.previousImage}</button>
      )}
      {rollback.isError ? <p className="mt-1 text-xs text-rose-700" role="alert">{rollback.error.message}</p> : null}
    </div>
  );
}
