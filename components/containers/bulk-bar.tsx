'use client';
// Bulk actions over the overview's selected containers: each container gets its own request (so each
// is permission-checked and audited), four at a time; the bar shows progress, then each failure.
import { useState } from 'react';
import { can } from '@/server/auth/permissions';
import type { Role } from '@/server/contract';
import { runAction, type ActionRequest } from './mutations';
import { selection, useSelection } from './selection';
import { ConfirmDialog } from './confirm-dialog';
import { ActionDialog } from '../frame/action-dialog';

const BULK: [string, ActionRequest][] = [
  ['Start', { kind: 'start' }], ['Stop', { kind: 'stop' }], ['Restart', { kind: 'restart' }],
  ['Pause', { kind: 'pause' }], ['Resume', { kind: 'unpause' }], ['Kill', { kind: 'kill', signal: 'SIGKILL' }],
];

async function forEachLimited(ids: string[], limit: number, fn: (id: string) => Promise<void>) {
  const queue = [...ids];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let id = queue.shift(); id; id = queue.shift()) await fn(id);
  }));
}

export function BulkBar({ role, names }: { role: Role; names: Map<string, string> }) {
  const ids = [...useSelection()].filter((id) => names.has(id));
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<{ ok: number; failed: string[] } | null>(null);
  const [confirmKill, setConfirmKill] = useState(false);
  // stop and restart interrupt what the containers serve: they ask first, in the shared ActionDialog
  const [asking, setAsking] = useState<'Stop' | 'Restart' | null>(null);
  if (!can(role, 'containers:control') || ids.length === 0) return null;
  const run = async (label: string, req: ActionRequest) => {
    setBusy(label);
    setDone(null);
    let ok = 0;
    const failed: string[] = [];
    await forEachLimited(ids, 4, async (id) => {
      try {
        await runAction(id, req);
        ok++;
      } catch (e) {
        failed.push(`${names.get(id)}: ${(e as Error).message}`);
      }
    });
    setBusy(null);
    setDone({ ok, failed });
    return { ok, failed };
  };
  return (
    <div className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-1.5 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm" data-testid="bulk-bar">
      <span className="mr-2 font-medium">{ids.length} selected</span>
      {BULK.map(([label, req]) => (
        <button key={label} className={`btn ${label === 'Kill' || label === 'Stop' ? 'btn-danger' : ''}`} disabled={busy !== null} onClick={() => (label === 'Kill' ? setConfirmKill(true) : label === 'Stop' || label === 'Restart' ? setAsking(label) : void run(label, req))}>{label}</button>
      ))}
      <button className="btn" disabled={busy !== null} onClick={() => selection.clear()}>Clear</button>
      <span role="status" className="text-xs" data-testid="bulk-status">
        {busy ? <span className="text-slate-500">{busy}: working on {ids.length}…</span> : null}
        {done ? <span className={done.failed.length ? 'text-rose-700' : 'text-emerald-700'}>{done.ok} done{done.failed.length ? `, ${done.failed.length} failed: ${done.failed.join('; ')}` : ''}</span> : null}
      </span>
      {asking ? (
        <ActionDialog
          title={`${asking} ${ids.length} ${ids.length === 1 ? 'container' : 'containers'}?`}
          summary={ids.map((id) => names.get(id)).join(', ')}
          confirmLabel={asking}
          pendingLabel={asking === 'Stop' ? 'Stopping…' : 'Restarting…'}
          danger={asking === 'Stop'}
          run={async () => {
            const r = await run(asking, { kind: asking === 'Stop' ? 'stop' : 'restart' });
            if (r.ok === 0 && r.failed.length) throw new Error(r.failed.join('; '));
            return `${r.ok} done${r.failed.length ? `, ${r.failed.length} failed: ${r.failed.join('; ')}` : ''}.`;
          }}
          onClose={() => setAsking(null)}
        />
      ) : null}
      {confirmKill ? <ConfirmDialog title={`Kill ${ids.length} containers`} text="Sends SIGKILL to each selected container at once." action="Kill" danger onCancel={() => setConfirmKill(false)} onConfirm={() => { setConfirmKill(false); void run('Kill', { kind: 'kill', signal: 'SIGKILL' }); }} /> : null}
    </div>
  );
}

export function SelectBox({ id, name }: { id: string; name: string }) {
  const sel = useSelection();
  return <input type="checkbox" className="mr-2 align-middle" aria-label={`Select ${name}`} checked={sel.has(id)} onChange={() => selection.toggle(id)} />;
}
