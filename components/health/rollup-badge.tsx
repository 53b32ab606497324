import type { Rollup } from '@/server/contract';
import { Badge } from '../badges';
import { ROLLUP_TONE } from '@/server/health/rollup';

/** healthy / degraded / unhealthy across Docker health, probes, exits and restarts. */
export function RollupBadge({ rollup, testId = 'rollup' }: { rollup: Rollup | undefined; testId?: string }) {
  if (!rollup || rollup === 'none') return <span className="text-xs text-slate-400" data-testid={testId} data-rollup="none">—</span>;
  return <Badge color={ROLLUP_TONE[rollup]} testId={testId}>{rollup}</Badge>;
}
