'use client';
// Small live CPU and memory charts for every running container of one stack (or all of them): each
// card subscribes to its container's shared collector; uPlot redraws on canvas, React stays idle.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { AppShell } from '../app-shell';
import { useStacksQuery } from '../queries';
import { percent } from './format-units';
import { formatBytes } from '../format-bytes';
import { LiveChart } from './live-chart';
import { useContainerStats, useLatestSample } from './use-container-stats';

export function StackStatsView() {
  const project = useSearchParams().get('project');
  const stacks = useStacksQuery();
  const containers = (stacks.data ?? [])
    .filter((s) => !project || s.name === project)
    .flatMap((s) => s.services.flatMap((svc) => svc.containers))
    .filter((c) => c.state === 'running');
  return (
    <AppShell title={project ? `Stats · ${project}` : 'Stats · all running containers'}>
      <Link href="/" className="text-sm text-indigo-700 hover:underline">← All stacks</Link>
      {stacks.data && containers.length === 0 ? <p className="mt-4 text-sm text-slate-500">No running containers{project ? ` in ${project}` : ''}.</p> : null}
      <div className="mt-4 grid grid-cols-3 gap-4">
        {containers.map((c) => <ContainerCard key={c.id} id={c.id} name={c.name} />)}
      </div>
    </AppShell>
  );
}

function ContainerCard({ id, name }: { id: string; name: string }) {
  const { series } = useContainerStats(id);
  const s = useLatestSample(series);
  return (
    <section className="card p-3" data-testid="stack-stats-card" data-name={name}>
      <div className="mb-1 flex items-baseline gap-2">
        <Link href={`/containers/${id}/stats`} className="truncate text-sm font-medium text-indigo-700 hover:underline" title={name}>{name}</Link>
        <span className="ml-auto whitespace-nowrap text-xs tabular-nums text-slate-600" data-testid="card-reading">
          {s ? `${percent(s.cpuPercent)} · ${formatBytes(s.memBytes, 1)}` : '…'}
        </span>
      </div>
      <LiveChart series={series} height={110} legend={false} format={(v) => percent(v)} yMin={5} lines={[{ label: 'CPU %', color: '#6366f1', values: (x) => x.cpu, fill: true }]} />
    </section>
  );
}
