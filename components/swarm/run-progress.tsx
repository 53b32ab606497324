'use client';
// The latest update, rollback or scale of this service as the server pushes it.
import type { SwarmProgressEvent } from '@/server/contract';

const OP = { update: 'Rolling update', rollback: 'Rollback', scale: 'Scale' } as const;

function failedAs(ev: SwarmProgressEvent): string {
  const state = ev.service?.updateStatus?.state;
  if (ev.op === 'update' && state === 'rollback_completed') return 'failed and was rolled back';
  if (state === 'paused' || state === 'rollback_paused') return 'paused after a failure';
  return 'did not finish';
}

export function RunProgress({ ev }: { ev: SwarmProgressEvent }) {
  const s = ev.service;
  const onImage = s ? s.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running' && t.image === s.image).length : 0;
  const pct = s && s.desired > 0 ? Math.round((onImage / s.desired) * 100) : 100;
  const tone = ev.phase !== 'done' ? 'border-indigo-200 bg-indigo-50 text-indigo-900' : ev.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-rose-200 bg-rose-50 text-rose-900';
  const bar = ev.phase !== 'done' ? 'bg-indigo-500' : ev.ok ? 'bg-emerald-500' : 'bg-rose-500';
  return (
    <div className={`rounded-lg border px-4 py-3 text-sm ${tone}`} role="status" data-testid="run-progress" data-phase={ev.phase} data-ok={ev.ok === null ? '' : String(ev.ok)}>
      <div className="flex items-center gap-2">
        <strong>{ev.op ? OP[ev.op] : 'Change'}</strong>
        <span>{ev.phase === 'done' ? (ev.ok ? 'finished' : failedAs(ev)) : 'running'}</span>
        <span className="ml-auto text-xs opacity-70">{(ev.elapsedMs / 1000).toFixed(1)} s</span>
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded bg-white/70"><div className={`h-full ${bar} transition-all`} style={{ width: `${pct}%` }} /></div>
      <div className="mt-1.5 text-xs" data-testid="run-message">{ev.message}</div>
    </div>
  );
}
