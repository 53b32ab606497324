'use client';
// The confirmation that names what a switch will do before it does it.
import type { SlotGroup, SlotName } from '@/server/contract';
import { SLOT_NAMES } from '@/server/contract';
import { Modal } from '../frame/modal';

/** Live mode reloads once when the upstream file does not yet hold both slots' current addresses. */
function liveNeedsReload(group: SlotGroup): boolean {
  const f = group.proxy?.fileSlots ?? {};
  return SLOT_NAMES.some((s) => !f[s] || (group.slots[s]?.upstream != null && f[s] !== group.slots[s]!.upstream));
}

export function SwitchDialog({ group, to, pending, onConfirm, onCancel, rollback }: { group: SlotGroup; to: SlotName; pending: boolean; onConfirm: () => void; onCancel: () => void; rollback?: boolean }) {
  const from = group.active;
  const target = group.slots[to];
  const current = from ? group.slots[from] : undefined;
  return (
    <Modal labelledBy="switch-title" onClose={onCancel} busy={pending}>
      <div className="card w-full max-w-lg p-5">
        <h2 id="switch-title" className="text-base font-semibold text-slate-900">
          {rollback ? 'Roll back' : 'Switch'} group <span className="font-mono">{group.group}</span> to {to}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          Traffic through <span className="font-mono">{group.proxy?.name}</span> moves from <b>{from ?? 'unknown'}</b>
          {current ? <> (<span className="font-mono text-xs">{current.image}</span>)</> : null} to <b>{to}</b>
          {target ? <> (<span className="font-mono text-xs">{target.image}</span> at <span className="font-mono text-xs">{target.upstream}</span>)</> : null}.
        </p>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-600">
          <li>Check {to} is running, Docker-healthy and passes its probes several times in a row.</li>
          <li>Write the upstream file <span className="font-mono text-xs">{group.proxy?.config}</span>, keeping the old one.</li>
          {group.proxy?.mode === 'live' ? (
            <li>
              Run <span className="font-mono text-xs">nginx -t</span>;{' '}
              {liveNeedsReload(group) ? <b>reload nginx once (the file&apos;s slot upstreams are new to it); </b> : null}
              {to === 'green' ? 'create' : 'remove'} the flag <span className="font-mono text-xs">{group.proxy.flag}</span>, which nginx checks
              on every request (no reload, open connections stay); verify through <span className="font-mono text-xs">{group.proxy.url}</span>.
            </li>
          ) : (
            <li>Run <span className="font-mono text-xs">nginx -t</span>; reload nginx; verify through <span className="font-mono text-xs">{group.proxy?.url}</span>.</li>
          )}
          <li>If any step fails, the old file{group.proxy?.mode === 'live' ? ' and flag are' : ' is'} put back and traffic stays on {from ?? 'the current slot'}.</li>
        </ol>
        <p className="mt-3 text-sm text-slate-600">{from ?? 'The current slot'} keeps running, so you can switch back at once.</p>
        <div className="mt-5 flex justify-end gap-2">
          <button className="btn" onClick={onCancel} disabled={pending}>Cancel</button>
          <button className="btn-primary" onClick={onConfirm} disabled={pending} data-testid="confirm-switch">
            {pending ? 'Switching…' : `${rollback ? 'Roll back' : 'Switch'} to ${to}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}
