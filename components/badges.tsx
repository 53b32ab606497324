import type { HealthState, ServiceState } from '@/server/contract';

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

export function StateBadge({ state, completed, exitCode }: { state: ServiceState | string; completed?: boolean; exitCode?: number | null }) {
  if (completed) return <Badge color="blue" testId="state">completed</Badge>;
  const failedExit = state === 'exited' && exitCode !== null && exitCode !== undefined && exitCode !== 0;
  return (
    <Badge color={failedExit ? 'red' : (stateColor[state] ?? 'slate')} testId="state">
      {state}
      {failedExit ? ` (${exitCode})` : ''}
    </Badge>
  );
}

export function HealthBadge({ health }: { health: HealthState }) {
  if (health === 'none') return <span className="text-xs text-slate-400" data-testid="health">no check</span>;
  const color = health === 'healthy' ? 'green' : health === 'unhealthy' ? 'red' : 'amber';
  return <Badge color={color} testId="health">{health}</Badge>;
}
