import type { ContainerSummary, HealthState, ServiceState } from '@/server/contract';
import { isFailedExit } from '@/server/docker/group-stacks';
import { healthBadge } from '@/server/health/rollup';

const tone = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  red: 'bg-rose-50 text-rose-700 ring-rose-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  slate: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  blue: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-600/20',
};

export function Badge({ color, children, title, testId }: { color: keyof typeof tone; children: React.ReactNode; title?: string; testId?: string }) {
  return (
    <span title={title} data-testid={testId} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[color]}`}>
      {children}
    </span>
  );
}

const stateColor: Record<string, keyof typeof tone> = {
  running: 'green', partial: 'amber', stopped: 'slate', completed: 'blue', failed: 'red',
  exited: 'slate', created: 'slate', paused: 'amber', restarting: 'amber', dead: 'red', removing: 'slate',
};

/** A service's or stack's rolled-up state. */
export function StateBadge({ state, testId = 'state' }: { state: ServiceState | string; testId?: string }) {
  return <Badge color={stateColor[state] ?? 'slate'} testId={testId}>{state}</Badge>;
}

/** A container's state: completed jobs in blue, real failures in red with their exit code. */
export function ContainerStateBadge({ c }: { c: Pick<ContainerSummary, 'state' | 'exitCode' | 'oomKilled' | 'completed'> }) {
  if (c.completed) return <Badge color="blue" testId="state">completed</Badge>;
  const failed = isFailedExit(c);
  const title = c.exitCode !== null && c.state !== 'running' ? `exit code ${c.exitCode}${c.oomKilled ? ', OOM-killed' : ''}` : undefined;
  return (
    <Badge color={failed ? 'red' : (stateColor[c.state] ?? 'slate')} testId="state" title={title}>
      {c.oomKilled ? 'OOM-killed' : c.state}
    </Badge>
  );
}

/**
 * Docker's healthcheck verdict, as health/rollup.ts judges it: live while the container runs, the last
 * verdict greyed as stale once it stopped, "restarting…" while an action on it runs.
 */
export function HealthBadge({ c, pending = false }: { c: Pick<ContainerSummary, 'state' | 'health'> & { state: string; health: HealthState }; pending?: boolean }) {
  if (pending) return <span className="whitespace-nowrap text-xs text-slate-500" data-testid="health" data-pending="true">…</span>;
  const b = healthBadge(c);
  if (b.health === 'none') return <span className="whitespace-nowrap text-xs text-slate-400" data-testid="health">no check</span>;
  if (b.stale) return <span className="whitespace-nowrap text-xs text-slate-400" data-testid="health" data-stale="true" title="Docker's last healthcheck before the container stopped; not a current verdict">was {b.health}</span>;
  return <Badge color={b.tone} testId="health">{b.health}</Badge>;
}
