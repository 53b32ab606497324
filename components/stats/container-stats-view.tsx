'use client';
// Live charts of one container: CPU, memory against its limit, network and block IO rates, opening
// with the server's last 10 minutes.
import Link from 'next/link';
import { AppShell } from '../app-shell';
import { ContainerStateBadge } from '../badges';
import { useContainerQuery } from '../queries';
import { percent, rate } from './format-units';
import { formatBytes } from '../format-bytes';
import { LiveChart } from './live-chart';
import { useContainerStats, useLatestSample } from './use-container-stats';
import type { StatsSeries } from './stats-series';

const maxOf = (a: number[]) => a.reduce((m, v) => (v > m ? v : m), 0);

/** Memory: show the limit line when it is near the usage, else keep the usage readable. */
function memRange(s: StatsSeries, dataMax: number) {
  const used = maxOf(s.mem);
  const limit = s.latest?.memLimit ?? 0;
  if (limit > 0 && limit <= used * 3) return limit * 1.05;
  return Math.max(used * 1.3, 1024 * 1024, Math.min(dataMax, used * 1.3));
}

export function ContainerStatsView({ id }: { id: string }) {
  const q = useContainerQuery(id);
  const c = q.data;
  const { series, error, ended } = useContainerStats(c?.id);
  const s = useLatestSample(series);
  const limited = Boolean(s?.memLimited);

  return (
    <AppShell title={c ? `Stats · ${c.name}` : 'Stats'}>
      <Link href={c ? `/containers/${c.id}` : '/'} className="text-sm text-indigo-700 hover:underline">← {c ? c.name : 'Back'}</Link>
      {q.isError ? <p className="mt-4 text-sm text-rose-600">{q.error.message}</p> : null}
      {error ? <p className="mt-4 text-sm text-rose-600">{error}</p> : null}
      {ended === 'removed' ? (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="stats-ended">
          This container was removed: the charts keep its last readings, and no new samples will come.
        </p>
      ) : null}
      {c ? (
        <>
          <div className="mt-4 grid grid-cols-4 gap-3">
            <Reading label="CPU" value={s ? percent(s.cpuPercent) : '—'} sub={s ? `${(s.cpuPercent / 100).toFixed(2)} cores` : 'waiting for samples…'} testId="stats-cpu" />
            <Reading label="Memory" value={s ? formatBytes(s.memBytes, 1) : '—'} sub={s ? (limited ? `of ${formatBytes(s.memLimit, 0)} limit (${percent((100 * s.memBytes) / s.memLimit)})` : `no limit (host ${formatBytes(s.memLimit, 0)})`) : ''} testId="stats-mem" />
            <Reading label="Network" value={s ? `↓ ${rate(s.netRxRate)}` : '—'} sub={s ? `↑ ${rate(s.netTxRate)} · total ↓ ${formatBytes(s.netRx, 1)} ↑ ${formatBytes(s.netTx, 1)}` : ''} testId="stats-net" />
            <Reading label="Disk IO" value={s ? `R ${rate(s.blkReadRate)}` : '—'} sub={s ? `W ${rate(s.blkWriteRate)} · total R ${formatBytes(s.blkRead, 1)} W ${formatBytes(s.blkWrite, 1)}` : ''} testId="stats-blk" />
          </div>
          {c.state !== 'running' ? (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              This container is <ContainerStateBadge c={c} />: Docker sends no new samples until it runs again.
            </p>
          ) : null}
          <div className="mt-4 grid grid-cols-2 gap-4">
            <ChartCard title="CPU">
              <LiveChart testId="chart-cpu" series={series} format={(v) => percent(v)} yMin={5} lines={[{ label: 'CPU %', color: '#6366f1', values: (x) => x.cpu, fill: true }]} />
            </ChartCard>
            <ChartCard title="Memory">
              <LiveChart testId="chart-mem" series={series} format={(v) => formatBytes(v, 1)} yRange={memRange} lines={[
                { label: 'used', color: '#0ea5e9', values: (x) => x.mem, fill: true },
                { label: 'limit', color: '#e11d48', values: (x) => x.limit, dash: [6, 4] },
              ]} />
            </ChartCard>
            <ChartCard title="Network">
              <LiveChart testId="chart-net" series={series} format={(v) => rate(v)} yMin={1024} lines={[
                { label: 'received', color: '#10b981', values: (x) => x.rxRate, fill: true },
                { label: 'sent', color: '#f59e0b', values: (x) => x.txRate },
              ]} />
            </ChartCard>
            <ChartCard title="Disk IO">
              <LiveChart testId="chart-blk" series={series} format={(v) => rate(v)} yMin={1024} lines={[
                { label: 'read', color: '#8b5cf6', values: (x) => x.readRate, fill: true },
                { label: 'write', color: '#ec4899', values: (x) => x.writeRate },
              ]} />
            </ChartCard>
          </div>
          <p className="mt-3 text-xs text-slate-500" data-testid="stats-samples" data-count={series.ts.length}>
            One sample a second from Docker's stats stream, shared by everyone watching this container; the last 10 minutes are kept on the server. CPU is computed as <code>docker stats</code> does (100% = one core); memory excludes inactive file cache.
          </p>
        </>
      ) : null}
    </AppShell>
  );
}

function Reading({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="card px-4 py-3" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`${testId}-value`}>{value}</div>
      <div className="mt-0.5 truncate text-xs text-slate-500" title={sub}>{sub}</div>
    </div>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card p-4">
      <h2 className="mb-2 text-sm font-semibold text-slate-700">{title}</h2>
      {children}
    </section>
  );
}
