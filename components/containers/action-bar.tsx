'use client';
// Every action on one container, by role: lifecycle (operator), rename and remove (admin). Each button
// shows its pending state, then the result; kill and remove ask first (remove wants the name typed).
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { can } from '@/server/auth/permissions';
import { KILL_SIGNALS, renameBody, type ContainerSummary, type KillSignal, type Role } from '@/server/contract';
import { ACTION_WORDS, useContainerAction, type ActionRequest } from './mutations';
import { ActionDialog } from '../frame/action-dialog';
import { ConfirmDialog } from './confirm-dialog';

type Dialog = null | 'kill' | 'rename' | 'remove' | 'recreate' | 'stop' | 'restart';

const label = (req: ActionRequest) => (req.kind === 'kill' ? `kill ${req.signal}` : req.kind);

export function ContainerActionBar({ c, role }: { c: ContainerSummary; role: Role }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [result, setResult] = useState<string | null>(null);
  const m = useContainerAction(c.id, (req, r) => {
    setResult(`${label(req)}: done, ${r.state}`);
    if (req.kind === 'remove') router.push('/');
    else if (r.id !== c.id) router.replace(`/containers/${r.id}`);
  });
  const run = (req: ActionRequest) => {
    setDialog(null);
    setResult(null);
    m.mutate(req);
  };
  if (!can(role, 'containers:control')) return null;
  const running = c.state === 'running' || c.state === 'restarting';
  const paused = c.state === 'paused';
  const pending = m.isPending ? label(m.variables) : null;
  const btn = (text: string, req: ActionRequest | (() => void), danger = false) => (
    <button key={text} className={`btn ${danger ? 'btn-danger' : ''}`} disabled={m.isPending} onClick={() => (typeof req === 'function' ? req() : run(req))}>
      {text}
    </button>
  );
  return (
    <div className="flex flex-wrap items-center justify-end gap-1.5" data-testid="container-actions">
      {running || paused ? btn('Restart', () => setDialog('restart')) : btn('Start', { kind: 'start' })}
      {running || paused ? btn('Stop', () => setDialog('stop'), true) : null}
      {running ? btn('Pause', { kind: 'pause' }) : null}
      {paused ? btn('Resume', { kind: 'unpause' }) : null}
      {running || paused ? btn('Kill…', () => setDialog('kill'), true) : null}
      {btn('Recreate…', () => setDialog('recreate'))}
      {can(role, 'containers:remove') ? btn('Rename…', () => setDialog('rename')) : null}
      {can(role, 'containers:remove') && !running && !paused ? btn('Remove…', () => setDialog('remove'), true) : null}
      <span role="status" className="min-w-[6rem] text-xs" data-testid="action-status">
        {pending ? <span className="text-slate-500">{pending}…</span> : null}
        {!pending && m.isError && !dialog ? <span className="text-rose-600">{m.error.message}</span> : null}
        {!pending && !m.isError && result ? <span className="text-emerald-700">{result}</span> : null}
      </span>
      {dialog === 'stop' || dialog === 'restart' ? (
        <ActionDialog
          title={`${dialog === 'stop' ? 'Stop' : 'Restart'} ${c.name}?`}
          summary={dialog === 'stop' ? 'The container stops (SIGTERM, then SIGKILL after its grace period) and stays stopped until started again.' : 'The container stops and starts again; it serves nothing in between.'}
          confirmLabel={dialog === 'stop' ? 'Stop' : 'Restart'}
          pendingLabel={ACTION_WORDS[dialog].pending}
          danger={dialog === 'stop'}
          run={async () => {
            const r = await m.mutateAsync({ kind: dialog });
            return `${c.name} ${ACTION_WORDS[dialog].done}; it is ${r.state} now.`;
          }}
          onClose={() => { setDialog(null); m.reset(); }}
        />
      ) : null}
      {dialog === 'kill' ? <KillDialog name={c.name} onCancel={() => setDialog(null)} onConfirm={(signal) => run({ kind: 'kill', signal })} /> : null}
      {dialog === 'recreate' ? (
        <ConfirmDialog title={`Recreate ${c.name}`} text={c.project ? 'Compose recreates the service from its files (all its replicas).' : 'A new container is made from the same configuration; the old one is removed.'} action="Recreate" onCancel={() => setDialog(null)} onConfirm={() => run({ kind: 'recreate' })} />
      ) : null}
      {dialog === 'rename' ? <RenameDialog name={c.name} onCancel={() => setDialog(null)} onConfirm={(name) => run({ kind: 'rename', name })} /> : null}
      {dialog === 'remove' ? <RemoveDialog name={c.name} onCancel={() => setDialog(null)} onConfirm={(volumes) => run({ kind: 'remove', confirm: c.name, volumes })} /> : null}
    </div>
  );
}

function KillDialog({ name, onConfirm, onCancel }: { name: string; onConfirm: (signal: KillSignal) => void; onCancel: () => void }) {
  const [signal, setSignal] = useState<KillSignal>('SIGKILL');
  return (
    <ConfirmDialog title={`Kill ${name}`} text="Sends the signal to the container's main process at once, without a graceful stop." action="Kill" danger onCancel={onCancel} onConfirm={() => onConfirm(signal)}>
      <label className="flex items-center gap-2 text-sm">
        Signal
        <select aria-label="Signal" className="rounded border px-2 py-1" value={signal} onChange={(e) => setSignal(KILL_SIGNALS.find((s) => s === e.target.value) ?? 'SIGKILL')}>
          {KILL_SIGNALS.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
    </ConfirmDialog>
  );
}

function RenameDialog({ name, onConfirm, onCancel }: { name: string; onConfirm: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(name);
  // the route's own schema: the dialog refuses what the server would refuse
  const valid = renameBody.safeParse({ name: value }).success && value !== name;
  return (
    <ConfirmDialog title={`Rename ${name}`} text="Letters, digits, _ . - (not first)." action="Rename" disabled={!valid} onCancel={onCancel} onConfirm={() => onConfirm(value)}>
      <input aria-label="New name" className="w-full rounded border px-2 py-1 font-mono" value={value} onChange={(e) => setValue(e.target.value)} />
    </ConfirmDialog>
  );
}

function RemoveDialog({ name, onConfirm, onCancel }: { name: string; onConfirm: (volumes: boolean) => void; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const [volumes, setVolumes] = useState(false);
  return (
    <ConfirmDialog title={`Remove ${name}`} text={`The container is deleted. Type ${name} to confirm.`} action="Remove" danger disabled={typed !== name} onCancel={onCancel} onConfirm={() => onConfirm(volumes)}>
      <input aria-label="Container name to confirm" className="w-full rounded border px-2 py-1 font-mono" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <label className="flex items-center gap-2 text-sm text-rose-700">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove its anonymous volumes
      </label>
    </ConfirmDialog>
  );
}
