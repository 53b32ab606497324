import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { isCompleted, toSummary } from './container-model';
import { isRelevantAction } from './container-watcher';

const inspect = (over: Record<string, unknown> = {}, state: Record<string, unknown> = {}, restart = 'no') =>
  ({
    Id: 'abc123', Name: '/demo-web-1', Image: 'sha256:1', Created: '2026-01-01T00:00:00Z', RestartCount: 2,
    Config: { Image: 'slipway/nginx:1', Labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web', 'slipway.slot': 'blue' } },
    State: { Status: 'running', Running: true, Paused: false, ExitCode: 0, OOMKilled: false, StartedAt: '2026-01-01T00:00:01Z', FinishedAt: '0001-01-01T00:00:00Z', ...state },
    HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: restart } },
    NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } },
    ...over,
  }) as unknown as Docker.ContainerInspectInfo;

describe('toSummary', () => {
  it('maps compose labels, slot, ports, restart count and times', () => {
    const s = toSummary(inspect());
    expect(s).toMatchObject({ id: 'abc123', name: 'demo-web-1', image: 'slipway/nginx:1', project: 'demo', service: 'web', slot: 'blue', restartCount: 2, finishedAt: null, health: 'none' });
    expect(s.ports).toEqual([{ ip: '127.0.0.1', privatePort: 80, publicPort: 8080, type: 'tcp' }]);
  });
  it('reads Docker health', () => {
    expect(toSummary(inspect({}, { Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] } })).health).toBe('unhealthy');
  });
  it('marks exited-0 containers with no restart policy as completed, and only those', () => {
    expect(isCompleted(inspect({}, { Status: 'exited', ExitCode: 0 }))).toBe(true);
    expect(isCompleted(inspect({}, { Status: 'exited', ExitCode: 0 }, ''))).toBe(true);
    expect(isCompleted(inspect({}, { Status: 'exited', ExitCode: 1 }))).toBe(false);
    expect(isCompleted(inspect({}, { Status: 'exited', ExitCode: 0 }, 'always'))).toBe(false);
    expect(isCompleted(inspect())).toBe(false);
  });
});

describe('isRelevantAction', () => {
  it('ignores healthcheck exec noise but keeps health changes', () => {
    expect(isRelevantAction('exec_start: /bin/sh -c true')).toBe(false);
    expect(isRelevantAction('health_status: healthy')).toBe(true);
    expect(isRelevantAction('die')).toBe(true);
    expect(isRelevantAction('attach')).toBe(false);
  });
});
