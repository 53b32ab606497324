'use client';
// One blue/green group: both slots, the proxy's verification, switch with confirmation, live steps,
// deploy to the idle slot, and the history with rollback.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { Badge } from '../badges';
import type { Role, SlotGroup, SlotName } from '@/server/contract';
import { SLOT_NAMES } from '@/server/contract';
import { SlotPanel } from './slot-panel';
import { SwitchDialog } from './switch-dialog';
import { DeployForm } from './deploy-form';
import { RunSteps } from './run-steps';
import { SwitchHistory } from './switch-history';
import { slotKeys, type RunProgress } from './slot-queries';
import { can } from '@/server/auth/permissions';

export function SlotGroupCard({ group, role, runs, now }: { group: SlotGroup; role: Role; runs: RunProgress[]; now: number }) {
  const qc = useQueryClient();
  const canSwitch = can(role, 'slots:switch');
  const [confirm, setConfirm] = useState<{ to: SlotName; rollback: boolean } | null>(null);
  const [deploying, setDeploying] = useState(false);
  const sw = useMutation({
    mutationFn: (to: SlotName) => api(`/api/slots/${encodeURIComponent(group.group)}/switch`, { method: 'POST', json: { to } }),
    onSettled: () => {
      setConfirm(null);
      void qc.invalidateQueries({ queryKey: slotKeys.groups });
      void qc.invalidateQueries({ queryKey: slotKeys.history(group.group) });
    },
  });
  const idle: SlotName | null = group.active ? (group.active === 'blue' ? 'green' : 'blue') : null;
  const p = group.proxy;

  return (
    <section className="card p-5" data-testid={`group-${group.group}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-lg font-semibold text-slate-900">{group.group}</h2>
        {group.active ? <Badge color="indigo" testId="group-active">active: {group.active}</Badge> : <Badge color="red">active slot unknown</Badge>}
        {group.busy ? <Badge color="amber">{group.busy} under way</Badge> : null}
        {p ? (
          <span className="ml-auto text-xs text-slate-500" data-testid="proxy-verification">
            proxy <span className="font-mono">{p.name}</span> ·{' '}
            <span data-testid="proxy-mode" title={p.mode === 'live' ? `nginx picks the slot per request from ${p.flag}; a switch needs no reload` : p.mode === 'reload' ? 'a switch rewrites the upstream file and reloads nginx' : 'slipway.proxy.switch is invalid'}>
              switch: <b>{p.mode ?? 'invalid'}</b>{p.mode === 'live' ? <> (flag → <b>{p.flagSlot ?? '?'}</b>)</> : null}
            </span>{' '}
            · {p.upstreamBlock ? <span data-testid="proxy-adopt" title={`Slipway rewrites only the server lines of upstream ${p.upstreamBlock} in the owner's ${p.config}, in place`}>upstream <b className="font-mono">{p.upstreamBlock}</b> in {p.config} </span> : 'file '}→ <b>{p.fileSlot ?? p.fileUpstream ?? '?'}</b> · served {p.header}: <b>{p.servedSlot ?? p.servedError ?? '?'}</b>{' '}
            {p.agrees ? <span className="font-semibold text-emerald-600">✓ agree</span> : <span className="font-semibold text-rose-600">✗ disagree</span>}
          </span>
        ) : null}
      </div>
      {group.problems.length ? (
        <ul className="mt-3 space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="group-problems">
          {group.problems.map((x) => <li key={x}>{x}</li>)}
        </ul>
      ) : null}

      <div className="mt-4 grid gap-4 md:grid-cols-2">
        {SLOT_NAMES.map((s) => (
          <SlotPanel key={s} slot={s} info={group.slots[s]} active={group.active === s} now={now}>
            {canSwitch && group.active !== s && group.slots[s] ? (
              <>
                <button className="btn-primary" data-testid={`switch-to-${s}`} disabled={!!group.busy || sw.isPending} onClick={() => setConfirm({ to: s, rollback: false })}>
                  Switch traffic to {s}
                </button>
                {s === idle && !deploying ? (
                  <button className="btn" data-testid={`deploy-to-${s}`} disabled={!!group.busy} onClick={() => setDeploying(true)}>Deploy image to {s}…</button>
                ) : null}
                {s === idle && deploying ? <DeployForm group={group.group} idle={s} currentImage={group.slots[s]?.image} composeService={group.slots[s]?.composeService} onClose={() => setDeploying(false)} /> : null}
              </>
            ) : null}
          </SlotPanel>
        ))}
      </div>

      {runs.length ? <div className="mt-4 space-y-2">{runs.map((r) => <RunSteps key={r.runId} run={r} />)}</div> : null}
      {sw.isError ? <p className="mt-2 text-sm text-rose-700" role="alert" data-testid="switch-error">{sw.error.message}</p> : null}
      {sw.isSuccess ? (
        <p className="mt-2 text-sm text-emerald-700" data-testid="switch-ok">
          Switched {sw.data.from ?? '?'} → {sw.data.to} in {sw.data.durationMs} ms, verified by {sw.data.samples.length} request(s) through the proxy.
        </p>
      ) : null}

      <h3 className="mb-1 mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">History</h3>
      <SwitchHistory group={group} canSwitch={canSwitch} onRollback={(to) => setConfirm({ to, rollback: true })} />

      {confirm ? <SwitchDialog group={group} to={confirm.to} rollback={confirm.rollback} pending={sw.isPending} onCancel={() => setConfirm(null)} onConfirm={() => sw.mutate(confirm.to)} /> : null}
    </section>
  );
}
