import { describe, expect, it } from 'vitest';
import { containerRollup, healthBadge, liveHealth, rollupCounts, serviceRollup, stackRollup } from './rollup';

const run = { state: 'running', health: 'none', exitCode: null, oomKilled: false, completed: false } as const;

describe('health rollup', () => {
  it('judges one container from Docker health, probes, exits and restarts', () => {
    expect(containerRollup({ ...run })).toBe('healthy');
    expect(containerRollup({ ...run, health: 'unhealthy' })).toBe('unhealthy');
    expect(containerRollup({ ...run, probeStatus: 'failing' })).toBe('unhealthy');
    expect(containerRollup({ ...run, health: 'healthy', probeStatus: 'partial' })).toBe('degraded');
    expect(containerRollup({ ...run, restartLoop: true })).toBe('unhealthy');
    expect(containerRollup({ ...run, probeStatus: 'pending' })).toBe('none');
    expect(containerRollup({ ...run, state: 'exited', exitCode: 137, oomKilled: true })).toBe('unhealthy');
    expect(containerRollup({ ...run, state: 'exited', exitCode: 137 })).toBe('none');
    expect(containerRollup({ ...run, state: 'exited', exitCode: 2 })).toBe('unhealthy');
    expect(containerRollup({ ...run, state: 'exited', exitCode: 0, completed: true })).toBe('none');
  });

  it('rolls replicas up: all unhealthy is unhealthy, some is degraded', () => {
    const sick = { ...run, probeStatus: 'failing' as const };
    expect(serviceRollup([sick, sick])).toBe('unhealthy');
    expect(serviceRollup([sick, run])).toBe('degraded');
    expect(serviceRollup([run, run])).toBe('healthy');
    expect(serviceRollup([{ ...run, state: 'exited', exitCode: 0, completed: true }])).toBe('none');
  });

  it('makes a stack unhealthy when any service is', () => {
    expect(stackRollup([{ rollup: 'healthy' }, { rollup: 'unhealthy' }])).toBe('unhealthy');
    expect(stackRollup([{ rollup: 'healthy' }, { rollup: 'degraded' }])).toBe('degraded');
    expect(stackRollup([{ rollup: 'none' }, { rollup: 'healthy' }])).toBe('healthy');
  });
});

describe('a stopped container with a last-known unhealthy verdict (issue 17.3)', () => {
  // Docker keeps State.Health.Status after the container ends; that verdict is about the past.
  const stoppedSick = { ...run, state: 'exited', health: 'unhealthy', exitCode: 143 } as const;
  const completedSick = { ...run, state: 'exited', health: 'unhealthy', exitCode: 0, completed: true } as const;

  it('has no rollup verdict and is not counted unhealthy', () => {
    expect(containerRollup(stoppedSick)).toBe('none');
    expect(containerRollup(completedSick)).toBe('none');
    expect(rollupCounts([stoppedSick, completedSick, { ...run, health: 'unhealthy' }])).toEqual({ unhealthy: 1, degraded: 0, healthy: 0, none: 2 });
  });

  it('shows its last health as stale and grey, never a live red badge', () => {
    expect(healthBadge(stoppedSick)).toEqual({ health: 'unhealthy', stale: true, tone: 'slate' });
    expect(healthBadge(completedSick)).toEqual({ health: 'unhealthy', stale: true, tone: 'slate' });
    expect(healthBadge({ state: 'running', health: 'unhealthy' })).toEqual({ health: 'unhealthy', stale: false, tone: 'red' });
    expect(healthBadge({ state: 'exited', health: 'none' })).toEqual({ health: 'none', stale: false, tone: 'slate' });
  });

  it('leaves a service with one live healthy replica and one stopped sick one healthy', () => {
    expect(liveHealth([stoppedSick, { state: 'running', health: 'healthy' }])).toBe('healthy');
    expect(serviceRollup([stoppedSick, { ...run, health: 'healthy' }])).toBe('healthy');
    expect(liveHealth([stoppedSick])).toBe('none');
  });

  it('still counts a failed exit as unhealthy, whatever its last healthcheck said', () => {
    expect(containerRollup({ ...stoppedSick, exitCode: 1 })).toBe('unhealthy');
  });
});

describe('probe status', () => {
  it('is pending until every probe answered, partial or failing after', async () => {
    const { probeStatusOf } = await import('./health-monitor');
    const r = (ok: boolean) => ({ name: 'x', url: 'u', ok, statusCode: 200, latencyMs: 1, status: null, error: null, at: '' });
    expect(probeStatusOf(0, [])).toBe('none');
    expect(probeStatusOf(2, [r(true)])).toBe('pending');
    expect(probeStatusOf(2, [r(false)])).toBe('partial');
    expect(probeStatusOf(2, [r(true), r(true)])).toBe('ok');
    expect(probeStatusOf(2, [r(true), r(false)])).toBe('partial');
    expect(probeStatusOf(1, [r(false)])).toBe('failing');
  });
});
