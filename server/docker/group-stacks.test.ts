import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../contract';
import { groupStacks, rollupHealth, serviceState, stackState } from './group-stacks';

const c = (over: Partial<ContainerSummary>): ContainerSummary => ({
  id: Math.random().toString(16).slice(2), name: 'x', image: 'img', state: 'running', status: '', health: 'none', completed: false, exitCode: null,
  oomKilled: false, project: 'p', service: 's', slot: null, ports: [], networkMode: 'host', createdAt: '', startedAt: null, finishedAt: null,
  restartCount: 0, restartPolicy: 'no', labels: {}, ...over,
});

describe('serviceState', () => {
  it('is running when every replica runs, partial when some do', () => {
    expect(serviceState([c({}), c({})])).toBe('running');
    expect(serviceState([c({}), c({ state: 'exited', exitCode: 0 })])).toBe('partial');
  });
  it('is completed for one-shot jobs that exited 0 and failed for a non-zero exit', () => {
    expect(serviceState([c({ state: 'exited', exitCode: 0, completed: true })])).toBe('completed');
    expect(serviceState([c({ state: 'exited', exitCode: 2 })])).toBe('failed');
    expect(serviceState([c({ state: 'restarting', exitCode: 1 })])).toBe('failed');
  });
  it('is stopped when stopped cleanly', () => {
    expect(serviceState([c({ state: 'exited', exitCode: 0, restartPolicy: 'unless-stopped' })])).toBe('stopped');
    expect(serviceState([c({ state: 'created' })])).toBe('stopped');
  });
  it('treats an OOM-killed container as failed', () => {
    expect(serviceState([c({ state: 'exited', exitCode: 137, oomKilled: true })])).toBe('failed');
  });
});

describe('rollups', () => {
  it('takes the worst health', () => {
    expect(rollupHealth([{ health: 'healthy' }, { health: 'unhealthy' }])).toBe('unhealthy');
    expect(rollupHealth([{ health: 'healthy' }, { health: 'starting' }])).toBe('starting');
    expect(rollupHealth([{ health: 'healthy' }, { health: 'none' }])).toBe('healthy');
    expect(rollupHealth([])).toBe('none');
  });
  it('counts a completed job as fine beside running services', () => {
    const svc = (state: 'running' | 'completed' | 'stopped' | 'failed') => ({ name: state, state, health: 'none' as const, containers: [] });
    expect(stackState([svc('running'), svc('completed')])).toBe('running');
    expect(stackState([svc('running'), svc('stopped')])).toBe('partial');
    expect(stackState([svc('running'), svc('failed')])).toBe('failed');
    expect(stackState([svc('completed')])).toBe('completed');
  });
});

describe('groupStacks', () => {
  it('groups by compose project and service, standalone containers last', () => {
    const stacks = groupStacks([
      c({ name: 'solo', project: null, service: null }),
      c({ name: 'b-web-2', project: 'b', service: 'web' }),
      c({ name: 'b-web-1', project: 'b', service: 'web' }),
      c({ name: 'a-db-1', project: 'a', service: 'db' }),
    ]);
    expect(stacks.map((s) => s.name)).toEqual(['a', 'b', '(standalone)']);
    expect(stacks[1].services[0].containers.map((x) => x.name)).toEqual(['b-web-1', 'b-web-2']);
    expect(stacks[2].standalone).toBe(true);
    expect(stacks[2].services[0].name).toBe('solo');
  });
});

describe('isFailedExit', () => {
  it('does not count a docker stop (signal exit) as a failure', () => {
    const base = { state: 'exited', completed: false, oomKilled: false };
    expect(serviceState([c({ ...base, exitCode: 137 })])).toBe('stopped');
    expect(serviceState([c({ ...base, exitCode: 143 })])).toBe('stopped');
    expect(serviceState([c({ ...base, exitCode: 1 })])).toBe('failed');
  });
});
