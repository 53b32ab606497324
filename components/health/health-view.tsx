'use client';
// The health page: everything that is not healthy first, with the reason (probe output, healthcheck
// exit code and output, restart loop, OOM kill, exit code), then the healthy rest.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ContainerHealthReport, Rollup } from '@/server/contract';
import { AppShell } from '../app-shell';
import { HealthBadge } from '../badges';
import { RollupBadge } from './rollup-badge';
import { useHealthReportQuery, useHealthReportUpdates } from './health-queries';
import { ProbeDots } from './probe-panel';

export function HealthView() {
  const q = useHealthReportQuery();
  useHealthReportUpdates();
  const [showAll, setShowAll] = useState(false);
  const reports = useMemo(() => q.data ?? [], [q.data]);
  const sick = reports.filter((r) => r.rollup === 'unhealthy' || r.rollup === 'degraded');
  const quiet = reports.filter((r) => r.rollup === 'none');
  const healthy = reports.filter((r) => r.rollup === 'healthy');
  // the same rollup (health/rollup.ts) the overview counts: each report carries its container's verdict
  const count = (k: Rollup) => reports.filter((r) => r.rollup === k).length;

  return (
    <AppShell title="Health">
      <div className="mb-5 grid grid-cols-4 gap-3">
        <Tile label="Unhealthy" value={count('unhealthy')} tone={count('unhealthy') ? 'text-rose-600' : 'text-slate-900'} />
        <Tile label="Degraded" value={count('degraded')} tone={count('degraded') ? 'text-amber-600' : 'text-slate-900'} />
        <Tile label="Healthy" value={count('healthy')} tone="text-emerald-600" />
        <Tile label="No verdict (stopped, completed, starting)" value={count('none')} />
      </div>
      {q.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {q.isError ? <p className="text-sm text-rose-600">Could not load health: {q.error.message}</p> : null}
      <section className="card overflow-hidden">
        <div className="border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm font-semibold text-slate-800">Needs attention</div>
        {q.data && sick.length === 0 ? <p className="px-4 py-6 text-sm text-emerald-700" data-testid="all-healthy">Everything with a verdict is healthy.</p> : null}
        {sick.length ? <ReportTable rows={sick} testId="sick-row" /> : null}
      </section>
      <section className="card mt-5 overflow-hidden">
        <div className="flex items-center border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm font-semibold text-slate-800">
          Healthy and quiet <span className="ml-2 font-normal text-slate-500">{healthy.length + quiet.length}</span>
          <button className="btn ml-auto" onClick={() => setShowAll((v) => !v)}>{showAll ? 'Hide' : 'Show'}</button>
        </div>
        {showAll ? <ReportTable rows={[...healthy, ...quiet]} testId="ok-row" /> : null}
      </section>
    </AppShell>
  );
}

function ReportTable({ rows, testId }: { rows: ContainerHealthReport[]; testId: string }) {
  return (
    <table className="w-full">
      <thead className="border-b border-slate-100">
        <tr>
          <th className="th w-28">Rollup</th>
          <th className="th">Container</th>
          <th className="th">Stack / service</th>
          <th className="th">Docker health</th>
          <th className="th">Probes</th>
          <th className="th w-[40%]">Why</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.containerId} data-testid={testId} data-name={r.name} className="align-top">
            <td className="td"><RollupBadge rollup={r.rollup} /></td>
            <td className="td">
              <Link href={`/containers/${r.containerId}`} className="font-medium text-indigo-700 hover:underline">{r.name}</Link>
              <div className="text-xs text-slate-500">{r.state}{r.restartCount ? ` · ${r.restartCount} restarts` : ''}</div>
            </td>
            <td className="td text-xs text-slate-600">{r.project ? `${r.project} / ${r.service}` : 'standalone'}</td>
            <td className="td"><HealthBadge c={r} /></td>
            <td className="td"><ProbeDots probes={r.probes} /></td>
            <td className="td">
              {r.reasons.length === 0 ? <span className="text-xs text-slate-400">—</span> : (
                <ul className="space-y-1" data-testid="reasons">
                  {r.reasons.map((x, i) => (
                    <li key={i} className="text-xs">
                      <span className={`mr-1.5 rounded px-1 py-0.5 font-semibold uppercase tracking-wide ${x.kind === 'starting' ? 'bg-amber-50 text-amber-700' : 'bg-rose-50 text-rose-700'}`}>{x.kind}</span>
                      <span className="break-words font-mono text-slate-700">{x.text}</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Tile({ label, value, tone = 'text-slate-900' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="card px-4 py-3">
      <div className="truncate text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</div>
    </div>
  );
}
