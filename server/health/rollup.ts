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
import type { ContainerSummary, HealthState } from '../contract/core';
import type { Rollup } from '../contract/stats';

// Exit codes of a process ended by SIGINT, SIGQUIT, SIGKILL or SIGTERM: what `docker stop` leaves.
// An operator's stop is not a failure; everything else non-zero is. The one list of them.
const SIGNAL_EXITS = new Set([130, 131, 137, 143]);

/** Exited by itself with a failing code: not 0, not a stop's signal, not a completed one-shot job. */
export function exitedFailing(c: Pick<ContainerSummary, 'state' | 'exitCode' | 'completed'>): boolean {
  return c.state === 'exited' && !c.completed && c.exitCode !== null && c.exitCode !== 0 && !SIGNAL_EXITS.has(c.exitCode);
}

type RollupInput = Pick<ContainerSummary, 'state' | 'health' | 'exitCode' | 'oomKilled' | 'completed' | 'probeStatus' | 'restartLoop'>;

export function containerRollup(c: RollupInput): Rollup {
  if (c.state === 'restarting' || c.state === 'dead' || c.oomKilled) return 'unhealthy';
  if (c.state === 'exited') return exitedFailing(c) ? 'unhealthy' : 'none';
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

/** Whether Docker's healthcheck verdict is live: only while the container runs (or is paused). */
const healthIsLive = (state: string) => state === 'running' || state === 'paused';

/**
 * What a container's Docker-health badge shows. While it runs: Docker's verdict. Once it stopped,
 * exited or completed, Docker keeps the last verdict, which says nothing about now: shown as stale
 * (grey, "was unhealthy"), never as a live red badge beside an Unhealthy count that leaves it out.
 */
export function healthBadge(c: Pick<ContainerSummary, 'state' | 'health'>): { health: HealthState; stale: boolean; tone: Tone } {
  if (c.health === 'none') return { health: 'none', stale: false, tone: 'slate' };
  if (!healthIsLive(c.state)) return { health: c.health, stale: true, tone: 'slate' };
  return { health: c.health, stale: false, tone: c.health === 'healthy' ? 'green' : c.health === 'unhealthy' ? 'red' : 'amber' };
}

/** Docker health of a group: the live verdicts only (a stopped replica's last verdict is stale). */
export function liveHealth(items: Pick<ContainerSummary, 'state' | 'health'>[]): HealthState {
  const live = items.filter((i) => healthIsLive(i.state)).map((i) => i.health);
  if (live.includes('unhealthy')) return 'unhealthy';
  if (live.includes('starting')) return 'starting';
  if (live.includes('healthy')) return 'healthy';
  return 'none';
}

export type Tone = 'green' | 'amber' | 'red' | 'slate';
/** The one colour of each verdict, for badges and counts alike. */
export const ROLLUP_TONE: Record<Rollup, Tone> = { healthy: 'green', degraded: 'amber', unhealthy: 'red', none: 'slate' };

/** The Unhealthy / Degraded / Healthy / no-verdict counts the overview, the health page and environments show. */
export function rollupCounts(containers: RollupInput[]): Record<Rollup, number> {
  const n: Record<Rollup, number> = { unhealthy: 0, degraded: 0, healthy: 0, none: 0 };
  for (const c of containers) n[containerRollup(c)] += 1;
  return n;
}

const ORDER: Record<Rollup, number> = { unhealthy: 0, degraded: 1, none: 2, healthy: 3 };
/** Sort key: not healthy first. */
export const rollupRank = (r: Rollup) => ORDER[r];
