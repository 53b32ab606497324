'use client';
// The overview: every compose stack, its services and containers, live.
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { AppShell } from './app-shell';
import { ContainerStateBadge, HealthBadge, StateBadge } from './badges';
import { ContainerActions, useActionPending } from './container-actions';
import { portsText, since } from './format';
import { useMeQuery, useStacksQuery } from './queries';
import { RollupBadge } from './health/rollup-badge';
import { rollupCounts } from '@/server/health/rollup';
import { UsageCell, useOverviewStatsFeed } from './stats/overview-usage';
import type { ContainerSummary, Role, StackSummary } from '@/server/contract';
import { useNarrow } from './frame/use-narrow';
import { ServiceUpdate } from './updates/service-update';
import { BulkBar, SelectBox } from './containers/bulk-bar';

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function StacksOverview() {
  const stacks = useStacksQuery();
  const me = useMeQuery();
  const [filter, setFilter] = useState('');
  const now = useNow(5000);
  useOverviewStatsFeed();

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f || !stacks.data) return stacks.data ?? [];
    return stacks.data
      .map((s) => ({ ...s, services: s.services.filter((svc) => `${s.name} ${svc.name} ${svc.containers.map((c) => c.name + ' ' + c.image).join(' ')}`.toLowerCase().includes(f)) }))
      .filter((s) => s.services.length > 0);
  }, [stacks.data, filter]);

  const all = (stacks.data ?? []).flatMap((s) => s.services.flatMap((svc) => svc.containers));
  const running = all.filter((c) => c.state === 'running').length;
  // Docker's unhealthy, failing probes, failed exits, OOM kills and restart loops (health/rollup.ts).
  const unhealthy = rollupCounts(all).unhealthy;

  return (
    <AppShell
      title="Stacks"
      actions={<input className="input w-full md:w-64" placeholder="Filter stacks, services, images…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter" />}
    >
      <div className="mb-5 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Stacks" value={(stacks.data ?? []).filter((s) => !s.standalone).length} />
        <Stat label="Containers" value={all.length} />
        <Stat label="Running" value={running} tone="text-emerald-600" />
        <Link href="/health" className="contents"><Stat label="Unhealthy" value={unhealthy} tone={unhealthy ? 'text-rose-600' : 'text-slate-900'} /></Link>
      </div>
      {stacks.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {stacks.isError ? <p className="text-sm text-rose-600">Could not load stacks: {stacks.error.message}</p> : null}
      {stacks.data && shown.length === 0 ? <p className="text-sm text-slate-500">No containers{filter ? ' match the filter' : ''}.</p> : null}
      {me.data ? <BulkBar role={me.data.role} names={new Map(all.map((c) => [c.id, c.name]))} /> : null}
      <div className="space-y-5">
        {shown.map((s) => (
          <StackCard key={s.name} stack={s} role={me.data?.role ?? 'viewer'} now={now} />
        ))}
      </div>
    </AppShell>
  );
}

function Stat({ label, value, tone = 'text-slate-900' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="card px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</div>
    </div>
  );
}

function StackCard({ stack, role, now }: { stack: StackSummary; role: Role; now: number }) {
  const narrow = useNarrow();
  return (
    <section className="card overflow-hidden" data-testid="stack" data-stack={stack.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">{stack.standalone ? 'Standalone containers' : stack.name}</h2>
        {!stack.standalone ? <StateBadge state={stack.state} testId="stack-state" /> : null}
        <RollupBadge rollup={stack.rollup} testId="stack-rollup" />
        <span className="ml-auto text-xs text-slate-500">{stack.services.length} {stack.standalone ? 'containers' : 'services'}</span>
        {!stack.standalone ? <Link href={`/stats?project=${encodeURIComponent(stack.name)}`} className="btn" data-testid="stack-stats-link">Stats</Link> : null}
      </div>
      {narrow ? <ServiceCards stack={stack} role={role} now={now} /> : (
      <div className="overflow-x-auto">
      <table className="w-full">
        <thead className="border-b border-slate-100">
          <tr>
            <th className="th w-36">Service</th>
            <th className="th">Container / image</th>
            <th className="th">State</th>
            <th className="th">Health</th>
            <th className="th">CPU / mem</th>
            <th className="th">Ports</th>
            <th className="th">Uptime</th>
            <th className="th" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stack.services.map((svc) =>
            svc.containers.map((c, i) => (
              <tr key={c.id} data-testid="container-row" data-name={c.name} data-service={svc.name} className="hover:bg-slate-50/60">
                {i === 0 ? (
                  <td className="td align-top" rowSpan={svc.containers.length}>
                    <div className="font-medium text-slate-800">{svc.name}{!stack.standalone ? <Link href={`/logs?project=${encodeURIComponent(stack.name)}&service=${encodeURIComponent(svc.name)}`} className="ml-2 text-xs font-normal text-indigo-600 hover:underline" data-testid="service-logs">Logs</Link> : null}</div>
                    {!stack.standalone ? (
                      <div className="mt-1">
                        <StateBadge state={svc.state} testId="service-state" /> <RollupBadge rollup={svc.rollup} testId="service-rollup" />
                      </div>
                    ) : null}
                  </td>
                ) : null}
                <td className="td">
                  {role !== 'viewer' ? <SelectBox id={c.id} name={c.name} /> : null}
                  <Link href={`/containers/${c.id}`} className="whitespace-nowrap font-medium text-indigo-700 hover:underline">{c.name}</Link>
                  {c.slot ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-600">{c.slot}</span> : null}
                  <div className="max-w-[22rem] truncate font-mono text-[11px] text-slate-500" title={c.image}>{c.image}</div>
                  <ServiceUpdate containerId={c.id} />
                </td>
                <td className="td"><ContainerStateBadge c={c} /></td>
                <td className="td"><ContainerHealth c={c} /></td>
                <td className="td"><UsageCell id={c.id} running={c.state === 'running'} /></td>
                <td className="td font-mono text-xs text-slate-600">{portsText(c)}</td>
                <td className="td whitespace-nowrap text-xs text-slate-600">
                  {c.state === 'running' ? since(c.startedAt, now) : '—'}
                  <div data-testid="restarts" className={`text-[11px] ${c.restartCount > 0 ? 'font-semibold text-amber-700' : 'text-slate-400'}`}>
                    {c.restartCount} {c.restartCount === 1 ? 'restart' : 'restarts'}
                  </div>
                </td>
                <td className="td"><ContainerActions c={c} role={role} /></td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      </div>
      )}
    </section>
  );
}

/** Phones: one card per service, each container with its state, health, usage and actions. */
function ServiceCards({ stack, role, now }: { stack: StackSummary; role: Role; now: number }) {
  return (
    <ul className="divide-y divide-slate-100">
      {stack.services.map((svc) => (
        <li key={svc.name} className="px-4 py-3" data-testid="service-card" data-service={svc.name}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800">{svc.name}</span>
            {!stack.standalone ? <StateBadge state={svc.state} /> : null}
            {!stack.standalone ? <RollupBadge rollup={svc.rollup} /> : null}
            {!stack.standalone ? <Link href={`/logs?project=${encodeURIComponent(stack.name)}&service=${encodeURIComponent(svc.name)}`} className="ml-auto text-xs text-indigo-600 hover:underline">Logs</Link> : null}
          </div>
          <ul className="mt-2 space-y-2">
            {svc.containers.map((c) => <ContainerLine key={c.id} c={c} role={role} now={now} />)}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function ContainerLine({ c, role, now }: { c: ContainerSummary; role: Role; now: number }) {
  return (
    <li className="rounded-md border border-slate-100 px-3 py-2" data-testid="container-card" data-name={c.name}>
      <div className="flex items-center gap-2">
        <Link href={`/containers/${c.id}`} className="min-w-0 truncate font-medium text-indigo-700 hover:underline">{c.name}</Link>
        {c.slot ? <span className="rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-600">{c.slot}</span> : null}
      </div>
      <div className="truncate font-mono text-[11px] text-slate-500" title={c.image}>{c.image}</div>
      <ServiceUpdate containerId={c.id} />
      <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <ContainerStateBadge c={c} />
        <ContainerHealth c={c} />
        <UsageCell id={c.id} running={c.state === 'running'} />
        <span>{c.state === 'running' ? since(c.startedAt, now) : '—'}</span>
      </div>
      <div className="mt-2"><ContainerActions c={c} role={role} /></div>
    </li>
  );
}

/** Mid-restart the container passes through exited: its health is no verdict until the action ends. */
function ContainerHealth({ c }: { c: ContainerSummary }) {
  return <HealthBadge c={c} pending={useActionPending(c.id)} />;
}
