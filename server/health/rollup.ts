// The health rollup shown on the overview and the health page. Pure: shared by server and browser.
//
// A container is
//   unhealthy  when it failed (non-zero exit that was not an operator's stop, OOM kill, dead), Docker is
//              restarting it, it is in a restart loop, Docker's healthcheck says unhealthy, or every one
//              of its HTTP probes fails;
//   degraded   when it runs but some (not all) of its probes fail, or it is paused;
//   healthy    when it runs and neither Docker's healthcheck nor a probe complains;
//   none       when there is no verdict: stopped on purpose, completed job, created, still starting.
// A service is unhealthy when every replica with a verdict is unhealthy, degraded when some are
// unhealthy or degraded (replicas stand in for each other). A stack is unhealthy when any service is
// (services do not stand in for each other), degraded when any is degraded.
import type { ContainerSummary } from '../contract/core';
import type { Rollup } from '../contract/stats';

const SIGNAL_EXITS = new Set([130, 131, 137, 143]);

type RollupInput = Pick<ContainerSummary, 'state' | 'health' | 'exitCode' | 'oomKilled' | 'completed' | 'probeStatus' | 'restartLoop'>;

export function containerRollup(c: RollupInput): Rollup {
  if (c.state === 'restarting' || c.state === 'dead' || c.oomKilled) return 'unhealthy';
  if (c.state === 'exited') {
    const failed = !c.completed && c.exitCode !== null && c.exitCode !== 0 && !SIGNAL_EXITS.has(c.exitCode);
    return failed ? 'unhealthy' : 'none';
  }
  if (c.state === 'paused') return 'degraded';
  if (c.state !== 'running') return 'none';
  if (c.restartLoop || c.health === 'unhealthy' || c.probeStatus === 'failing') return 'unhealthy';
  if (c.probeStatus === 'partial') return 'degraded';
  if (c.health === 'starting' || c.probeStatus === 'pending') return 'none';
  return 'healthy';
}

export function serviceRollup(containers: RollupInput[]): Rollup {
  const verdicts = containers.map(containerRollup).filter((r) => r !== 'none');
  if (verdicts.length === 0) return 'none';
  if (verdicts.every((r) => r === 'unhealthy')) return 'unhealthy';
  if (verdicts.some((r) => r !== 'healthy')) return 'degraded';
  return 'healthy';
}

export function stackRollup(services: { rollup?: Rollup }[]): Rollup {
  const r = services.map((s) => s.rollup ?? 'none');
  if (r.includes('unhealthy')) return 'unhealthy';
  if (r.includes('degraded')) return 'degraded';
  if (r.includes('healthy')) return 'healthy';
  return 'none';
}

const ORDER: Record<Rollup, number> = { unhealthy: 0, degraded: 1, none: 2, healthy: 3 };
/** Sort key: not healthy first. */
export const rollupRank = (r: Rollup) => ORDER[r];
