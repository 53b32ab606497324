import { describe, expect, it } from 'vitest';
import { fromDockerEvent } from './container-events';

const ev = (Action: string, extra: Record<string, string> = {}) => ({
  Action, timeNano: 1_700_000_000_123_000_000,
  Actor: { ID: 'abc123', Attributes: { name: 'web-1', image: 'busybox', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', ...extra } },
});

describe('fromDockerEvent', () => {
  it('turns a die into container.die with the exit code, scoped by compose labels', () => {
    expect(fromDockerEvent(ev('die', { exitCode: '3' }))).toMatchObject({
      kind: 'container.die', project: 'shop', service: 'web', container: 'web-1', severity: 'warning',
      at: '2023-11-14T22:13:20.123Z', detail: { exitCode: 3 },
    });
    expect(fromDockerEvent(ev('die', { exitCode: '0' }))).toMatchObject({ severity: 'info', detail: { exitCode: 0 } });
  });
  it('maps lifecycle and health actions, and nothing else', () => {
    expect(fromDockerEvent(ev('start'))?.kind).toBe('container.start');
    expect(fromDockerEvent(ev('stop'))?.kind).toBe('container.stop');
    expect(fromDockerEvent(ev('restart'))?.kind).toBe('container.restart');
    expect(fromDockerEvent(ev('oom'))).toMatchObject({ kind: 'container.oom', severity: 'critical' });
    expect(fromDockerEvent(ev('health_status: unhealthy'))?.kind).toBe('health.unhealthy');
    expect(fromDockerEvent(ev('health_status: healthy'))?.kind).toBe('health.healthy');
    expect(fromDockerEvent(ev('exec_start: sh -c true'))).toBeNull();
    expect(fromDockerEvent(ev('kill'))).toBeNull();
  });
  it('leaves project and service null for a container outside compose', () => {
    expect(fromDockerEvent({ Action: 'start', Actor: { ID: 'x', Attributes: { name: 'solo' } } })).toMatchObject({ project: null, service: null, container: 'solo' });
  });
});
