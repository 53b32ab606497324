'use client';
// One stack: its operations, services with drift and scale, the live operation panel, the operation
// history and the compose editor.
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { can } from '@/server/auth/permissions';
import type { OperationAction, OperationBody } from '@/server/contract';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { ServiceUpdate } from '../updates/service-update';
import { DownDialog } from './down-dialog';
import { FilesPanel } from './files-panel';
import { useOperationEvents } from './live';
import { useRunOperation, useScale } from './mutations';
import { OperationTerminal } from './operation-terminal';
import { ActionDialog } from '../frame/action-dialog';
import { attachOutputStore } from './output-store';
import { useOperation, useStackDetail, useStackOperations } from './queries';
import { RecentEvents } from '../timeline/recent-events';

const ACTIONS: { action: Exclude<OperationAction, 'scale' | 'down'>; label: string }[] = [
  { action: 'deploy', label: 'Deploy' },
  { action: 'start', label: 'Start' },
  { action: 'stop', label: 'Stop' },
  { action: 'restart', label: 'Restart' },
  { action: 'pull', label: 'Pull' },
  { action: 'redeploy', label: 'Pull & redeploy' },
];

export function StackView({ name }: { name: string }) {
  const me = useMeQuery();
  const detail = useStackDetail(name);
  const history = useStackOperations(name);
  const run = useRunOperation(name);
  const scale = useScale(name);
  const [current, setCurrent] = useState<{ id: string; here: boolean } | null>(null);
  const [downOpen, setDownOpen] = useState(false);
  // stop and restart interrupt every service of the stack: they ask first (issue 17.2)
  const [asking, setAsking] = useState<'stop' | 'restart' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [replicas, setReplicas] = useState<Record<string, string>>({});
  const op = useOperation(current?.id ?? null);
  useEffect(attachOutputStore, []);
  // reopening the page while an operation runs shows it
  useEffect(() => {
    if (!current && detail.data?.running) setCurrent({ id: detail.data.running.id, here: false });
  }, [current, detail.data?.running]);
  const onDone = useCallback(() => undefined, []);
  useOperationEvents(name, { onDone });

  const role = me.data?.role ?? 'viewer';
  const canOperate = can(role, 'stacks:operate');
  const canEdit = can(role, 'stacks:edit');
  const busy = op.data?.status === 'running' || (!!current && !op.data);

  const start = async (p: Promise<{ id: string }>) => {
    setMessage(null);
    try {
      const { id } = await p;
      setCurrent({ id, here: true });
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const runOp = (body: OperationBody) => start(run.mutateAsync(body));

  if (detail.isError)
    return (
      <AppShell title={name}>
        <p className="text-rose-600">{(detail.error as Error).message}</p>
      </AppShell>
    );
  const s = detail.data;
  if (!s)
    return (
      <AppShell title={name}>
        <p className="text-slate-500">Loading…</p>
      </AppShell>
    );
  return (
    <AppShell title={s.name}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/stacks" className="text-sm text-indigo-600">← Compose stacks</Link>
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs" data-testid="stack-state">{s.deployed ? s.state : 'not deployed'}</span>
          {s.managed && <span className="rounded bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">managed by Slipway</span>}
          {s.filesMissing && <span className="rounded bg-rose-100 px-2 py-0.5 text-xs text-rose-700" title={s.filesElsewhere ? 'adopted on an engine of another host: its compose files are there, Slipway cannot read them' : undefined}>{s.filesElsewhere ? 'files on another host' : 'files missing'}</span>}
          <span className="ml-auto text-xs text-slate-500" data-testid="compose-cli">{s.cli ? `${s.cli.command} ${s.cli.version}` : 'no compose CLI found'}</span>
        </div>

        {canOperate && (
          <div className="flex flex-wrap gap-2" data-testid="stack-actions">
            {ACTIONS.map((a) => (
              <button key={a.action} className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={busy || !s.cli || s.filesMissing} onClick={() => (a.action === 'stop' || a.action === 'restart' ? setAsking(a.action) : void runOp({ action: a.action }))}>
                {a.label}
              </button>
            ))}
            <button className="rounded bg-rose-600 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={busy || !s.deployed || !s.cli} onClick={() => setDownOpen(true)}>
              Down…
            </button>
          </div>
        )}
        {message && <p className="text-sm text-rose-600" data-testid="operation-error">{message}</p>}
        {asking && (
          <ActionDialog
            title={`${asking === 'stop' ? 'Stop' : 'Restart'} every service of ${s.name}?`}
            summary={asking === 'stop' ? 'Compose stops all its containers; they stay stopped until started again.' : 'Compose restarts all its containers; each serves nothing while it restarts.'}
            confirmLabel={asking === 'stop' ? 'Stop' : 'Restart'}
            pendingLabel={asking === 'stop' ? 'Stopping…' : 'Restarting…'}
            danger={asking === 'stop'}
            run={async () => {
              const { id } = await run.mutateAsync({ action: asking });
              setCurrent({ id, here: true });
              setAsking(null); // the operation's own output takes over below
              return '';
            }}
            onClose={() => setAsking(null)}
          />
        )}
        {downOpen && <DownDialog stack={s.name} onCancel={() => setDownOpen(false)} onConfirm={(v) => { setDownOpen(false); void runOp({ action: 'down', confirm: s.name, removeVolumes: v || undefined }); }} />}

        {current && <OperationTerminal key={current.id} id={current.id} startedHere={current.here} record={op.data ?? null} />}

        <section>
          <h2 className="mb-2 font-semibold">Services</h2>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="services-table">
              <thead className="text-left text-xs text-slate-500">
                <tr><th className="py-1 pr-3">Service</th><th className="pr-3">State</th><th className="pr-3">Containers</th><th className="pr-3">Drift</th>{canOperate && <th>Scale</th>}</tr>
              </thead>
              <tbody>
                {[...new Set([...s.services.map((x) => x.name), ...Object.keys(s.drift)])].sort().map((svcName) => {
                  const svc = s.services.find((x) => x.name === svcName);
                  const d = s.drift[svcName];
                  return (
                    <tr key={svcName} className="border-t border-slate-100" data-testid={`service-${svcName}`}>
                      <td className="py-1.5 pr-3 font-mono">{svcName} <ServiceUpdate project={s.name} service={svcName} /></td>
                      <td className="pr-3">{svc?.state ?? '—'}</td>
                      <td className="pr-3">{svc?.containers.length ?? 0}</td>
                      <td className="pr-3" data-testid={`drift-${svcName}`}>
                        {!d ? <span className="text-slate-400">—</span> : d.inSync ? <span className="text-emerald-700">in sync</span> : (
                          <span className="text-amber-700">
                            {d.reasons.includes('orphan') ? 'orphaned' : `out of date: ${d.reasons.join(', ')}`}
                            {canOperate && !d.reasons.includes('orphan') && (
                              <button className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs" disabled={busy} onClick={() => void runOp({ action: 'deploy', service: svcName })}>Apply</button>
                            )}
                          </span>
                        )}
                      </td>
                      {canOperate && (
                        <td>
                          <input aria-label={`Replicas of ${svcName}`} className="w-16 rounded border px-1 py-0.5" type="number" min={0} max={100} value={replicas[svcName] ?? String(svc?.containers.length ?? 1)} onChange={(e) => setReplicas((r) => ({ ...r, [svcName]: e.target.value }))} />
                          <button className="ml-1 rounded bg-slate-100 px-2 py-0.5 text-xs disabled:opacity-40" disabled={busy || !s.deployed} onClick={() => void start(scale.mutateAsync({ service: svcName, replicas: Number(replicas[svcName] ?? svc?.containers.length ?? 1) }))}>
                            Scale
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>

        <RecentEvents project={s.name} />

        <section>
          <h2 className="mb-2 font-semibold">Operations</h2>
          <ul className="space-y-1 text-sm" data-testid="operation-history">
            {history.data?.length === 0 && <li className="text-slate-500">None yet.</li>}
            {history.data?.map((h) => (
              <li key={h.id}>
                <button className="flex flex-wrap gap-2 text-left hover:underline" onClick={() => setCurrent({ id: h.id, here: false })}>
                  <span className={h.status === 'failed' ? 'text-rose-600' : h.status === 'running' ? 'text-amber-600' : 'text-emerald-700'}>{h.status}</span>
                  <span className="font-mono">{h.action}{h.service ? ` ${h.service}` : ''}</span>
                  <span className="text-slate-500">{new Date(h.startedAt).toLocaleString()} · {h.by}{h.exitCode != null ? ` · exit ${h.exitCode}` : ''}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>

        {s.dir && (
          <section>
            <h2 className="mb-2 font-semibold">Files</h2>
            <FilesPanel stack={s.name} canEdit={canEdit} />
          </section>
        )}
      </div>
    </AppShell>
  );
}
