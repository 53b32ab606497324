'use client';
import Link from 'next/link';
import { AppShell } from './app-shell';
import { ContainerStateBadge, HealthBadge } from './badges';
import { ContainerActionBar } from './containers/action-bar';
import { ContainerTabs, type ContainerTab } from './containers/container-tabs';
import { InspectPanel } from './containers/inspect-panel';
import { FilesPanel } from './containers/files-panel';
import { can } from '@/server/auth/permissions';
import { useState } from 'react';
import { ContainerTools } from './container-tools';
import { portsText, shortId, since } from './format';
import { useContainerQuery, useMeQuery } from './queries';
import { RollupBadge } from './health/rollup-badge';
import { ProbePanel } from './health/probe-panel';
import { useProbeUpdates } from './health/health-queries';
import { containerRollup } from '@/server/health/rollup';

export function ContainerDetailView({ id }: { id: string }) {
  const q = useContainerQuery(id);
  const me = useMeQuery();
  const c = q.data;
  useProbeUpdates(c?.id);
  const [tab, setTab] = useState<ContainerTab>('overview');
  const role = me.data?.role ?? 'viewer';
  return (
    <AppShell title={c ? c.name : 'Container'} actions={c && me.data ? (<><ContainerTools id={c.id} role={me.data.role} /><ContainerActionBar c={c} role={me.data.role} /></>) : null}>
      <Link href="/" className="text-sm text-indigo-700 hover:underline">← All stacks</Link>
      {q.isLoading ? <p className="mt-4 text-sm text-slate-500">Loading…</p> : null}
      {q.isError ? <p className="mt-4 text-sm text-rose-600">{q.error.message}</p> : null}
      {c ? <ContainerTabs tab={tab} onTab={setTab} files={can(role, 'files:read')} /> : null}
      {c && tab === 'inspect' ? <section className="card mt-4 p-5"><InspectPanel id={c.id} /></section> : null}
      {c && tab === 'files' ? <section className="card mt-4 p-5"><FilesPanel target={{ kind: 'container', id: c.id }} canUpload={can(role, 'files:write')} /></section> : null}
      {c && tab === 'overview' ? (
        <div className="mt-4 grid grid-cols-1 gap-5 lg:grid-cols-3">
          <section className="card min-w-0 p-5 lg:col-span-2">
            <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-y-2 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
              <dt className="text-slate-500">State</dt>
              <dd className="flex gap-2"><ContainerStateBadge c={c} /> <span className="text-slate-500">{c.status}</span>{c.oomKilled ? <span className="font-semibold text-rose-600">OOM-killed</span> : null}</dd>
              <dt className="text-slate-500">Health</dt>
              <dd className="flex gap-2"><HealthBadge c={c} />{c.failingStreak > 0 ? <span className="text-rose-600">failing streak {c.failingStreak}</span> : null}</dd>
              <dt className="text-slate-500">Rollup</dt>
              <dd className="flex gap-2"><RollupBadge rollup={containerRollup(c)} />{c.probeStatus && c.probeStatus !== 'none' ? <span className="text-slate-500" data-testid="probe-status">probes {c.probeStatus}</span> : null}{c.restartLoop ? <span className="font-semibold text-rose-600">restart loop</span> : null}</dd>
              <dt className="text-slate-500">ID</dt><dd className="font-mono text-xs">{shortId(c.id)}</dd>
              <dt className="text-slate-500">Image</dt><dd className="font-mono text-xs">{c.image}</dd>
              <dt className="text-slate-500">Stack / service</dt><dd>{c.project ? `${c.project} / ${c.service}` : 'standalone'}</dd>
              <dt className="text-slate-500">Command</dt><dd className="break-all font-mono text-xs">{c.command.join(' ') || '—'}</dd>
              <dt className="text-slate-500">Network</dt><dd className="font-mono text-xs">{c.networkMode === 'host' ? portsText(c) : `${c.networkMode} · ${portsText(c)}`}</dd>
              <dt className="text-slate-500">Started</dt><dd>{c.startedAt ? `${new Date(c.startedAt).toLocaleString()} (${since(c.startedAt)} ago)` : '—'}</dd>
              <dt className="text-slate-500">Restarts</dt><dd>{c.restartCount} (policy {c.restartPolicy})</dd>
            </dl>
          </section>
          <section className="card min-w-0 p-5">
            <h2 className="mb-2 text-sm font-semibold text-slate-700">Mounts</h2>
            {c.mounts.length === 0 ? <p className="text-sm text-slate-500">None</p> : null}
            <ul className="space-y-1 text-xs">
              {c.mounts.map((m) => (
                <li key={m.destination} className="font-mono"><span className="text-slate-500">{m.type}</span> {m.name ?? m.source} → {m.destination}</li>
              ))}
            </ul>
          </section>
          {c.probes.length > 0 || Object.keys(c.labels).some((k) => k.startsWith('slipway.probe.')) ? (
            <section className="card col-span-3 p-5">
              <h2 className="mb-2 text-sm font-semibold text-slate-700">HTTP probes</h2>
              {c.probes.length === 0 ? <p className="text-sm text-slate-500">{c.state === 'running' ? 'Waiting for the first probe results…' : 'Probes run while the container runs.'}</p> : <ProbePanel probes={c.probes} history={c.probeHistory ?? {}} />}
            </section>
          ) : null}
          <section className="card col-span-3 p-5">
            <h2 className="mb-2 text-sm font-semibold text-slate-700">Healthcheck log</h2>
            {c.health_log.length === 0 ? <p className="text-sm text-slate-500">This container has no Docker healthcheck results.</p> : (
              <table className="w-full">
                <thead><tr><th className="th">Time</th><th className="th">Exit</th><th className="th">Output</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {c.health_log.slice().reverse().map((h) => (
                    <tr key={h.start}>
                      <td className="td whitespace-nowrap text-xs">{new Date(h.start).toLocaleTimeString()}</td>
                      <td className={`td text-xs font-semibold ${h.exitCode === 0 ? 'text-emerald-700' : 'text-rose-700'}`}>{h.exitCode}</td>
                      <td className="td font-mono text-xs text-slate-600">{h.output.trim().slice(0, 300) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card col-span-3 p-5">
            <h2 className="mb-2 text-sm font-semibold text-slate-700">Labels</h2>
            <div className="grid grid-cols-1 gap-x-4 gap-y-1 font-mono text-xs sm:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
              {Object.entries(c.labels).sort().map(([k, v]) => (
                <div key={k} className="contents"><span className="truncate text-slate-500" title={k}>{k}</span><span className="break-all">{v}</span></div>
              ))}
            </div>
          </section>
          {c.env ? (
            <section className="card col-span-3 p-5">
              <h2 className="mb-2 text-sm font-semibold text-slate-700">Environment</h2>
              <pre className="overflow-x-auto text-xs text-slate-700">{c.env.join('\n')}</pre>
            </section>
          ) : null}
        </div>
      ) : null}
    </AppShell>
  );
}
