import type { Rollup } from '@/server/contract';
import { Badge } from '../badges';

/** healthy / degraded / unhealthy across Docker health, probes, exits and restarts. */
export function RollupBadge({ rollup, testId = 'rollup' }: { rollup: Rollup | undefined; testId?: string }) {
  if (!rollup || rollup === 'none') return <span className="text-xs text-slate-400" data-testid={testId} data-rollup="none">—</span>;
  const color = rollup === 'healthy' ? 'green' : rollup === 'degraded' ? 'amber' : 'red';
  return <Badge color={color} testId={testId}>{rollup}</Badge>;
}
