'use client';
// Every engine at a glance: reachable or not, version, swarm, TLS, what runs there; open one with a click.
// Admins add and remove environments here (those of SLIPWAY_ENVIRONMENTS are read-only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EnvironmentInfo } from '@/server/contract';
import { AppShell } from '../app-shell';
import { Badge } from '../badges';
import { api } from '../api';
import { currentEnv, switchEnv } from '../environment';
import { queryKeys, useEnvironmentsQuery, useMeQuery } from '../queries';
import { AddEnvironmentForm } from './add-environment-form';
import { can } from '@/server/auth/permissions';

function EnvironmentCard({ env, viewing, admin }: { env: EnvironmentInfo; viewing: boolean; admin: boolean }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api(`/api/environments/${encodeURIComponent(env.name)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.environments }),
  });
  const c = env.containers;
  return (
    <div data-testid={`env-${env.name}`} className={`card flex flex-col gap-3 p-5 ${viewing ? 'ring-2 ring-sky-400' : ''}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 className="text-base font-semibold text-slate-900">{env.name}</h2>
            {env.default ? <Badge color="slate">default</Badge> : null}
            {viewing ? <Badge color="blue">viewing</Badge> : null}
          </div>
          <div className="mt-1 truncate font-mono text-xs text-slate-500" title={env.url}>{env.url}</div>
        </div>
        {env.reachable ? <Badge color="green" testId="env-reachable">reachable</Badge> : <Badge color="red" testId="env-reachable">unreachable</Badge>}
      </div>
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <div><dt className="text-xs text-slate-500">Running</dt><dd className="font-semibold text-slate-900">{c.running}</dd></div>
        <div><dt className="text-xs text-slate-500">Failing</dt><dd className={`font-semibold ${c.unhealthy ? 'text-rose-600' : 'text-slate-900'}`}>{c.unhealthy}</dd></div>
        <div><dt className="text-xs text-slate-500">Stopped</dt><dd className="font-semibold text-slate-900">{c.stopped}</dd></div>
      </dl>
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        {env.version ? <Badge color="slate">Docker {env.version}</Badge> : null}
        {env.swarm ? <Badge color="indigo">swarm manager</Badge> : null}
        {env.tls ? <Badge color="green">TLS client certificate</Badge> : null}
        <Badge color="slate">{env.source === 'config' ? 'from SLIPWAY_ENVIRONMENTS' : 'added in settings'}</Badge>
      </div>
      {!env.reachable && env.error ? <p className="text-xs text-rose-600">{env.error} (since {new Date(env.since).toLocaleTimeString()})</p> : null}
      <div className="mt-auto flex items-center gap-2">
        <button className="btn btn-primary" disabled={viewing} onClick={() => switchEnv(env.default ? null : env.name, '/')}>
          {viewing ? 'Viewing' : 'Open'}
        </button>
        {admin && env.source === 'settings' ? (
          <button className="btn btn-danger" disabled={remove.isPending} onClick={() => confirm(`Remove environment ${env.name}? Slipway stops watching its engine; nothing on the engine changes.`) && remove.mutate()}>
            Remove
          </button>
        ) : null}
        {remove.error ? <span className="text-xs text-rose-600">{(remove.error as Error).message}</span> : null}
      </div>
    </div>
  );
}

export function EnvironmentsPage() {
  const envs = useEnvironmentsQuery();
  const me = useMeQuery();
  const chosen = currentEnv();
  const list = envs.data ?? [];
  const viewing = list.find((e) => e.name === chosen) ?? list.find((e) => e.default);
  return (
    <AppShell title="Environments" actions={<button className="btn" onClick={() => envs.refetch()}>Refresh</button>}>
      <p className="mb-5 max-w-3xl text-sm text-slate-600">
        Each environment is a Docker engine Slipway talks to with Docker&apos;s own API: a local socket, TCP with TLS client certificates, or SSH. Every page works on the environment chosen in the sidebar.
      </p>
      {envs.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {list.map((e) => (
          <EnvironmentCard key={e.name} env={e} viewing={e.name === viewing?.name} admin={can(me.data?.role, 'environments:manage')} />
        ))}
      </div>
      {can(me.data?.role, 'environments:manage') ? <AddEnvironmentForm /> : null}
    </AppShell>
  );
}
