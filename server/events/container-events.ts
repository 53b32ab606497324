// Docker's container events as timeline events (pure): start, stop, die with its exit code, OOM kill,
// restart, and health_status transitions. Project and service come from the compose labels Docker
// copies into the event's attributes; the container is its name. Everything else is not a happening.
import type { NewTimelineEvent } from '../contract';
import type { DockerContainerEvent } from '../docker/container-watcher';

export function fromDockerEvent(ev: DockerContainerEvent): NewTimelineEvent | null {
  const a = ev.Actor?.Attributes ?? {};
  const name = a.name ?? (ev.Actor?.ID ?? ev.id ?? '').slice(0, 12);
  const scope = {
    project: a['com.docker.compose.project'] ?? null,
    service: a['com.docker.compose.service'] ?? null,
    container: name,
    ...(ev.timeNano ? { at: new Date(Math.floor(ev.timeNano / 1e6)).toISOString() } : ev.time ? { at: new Date(ev.time * 1000).toISOString() } : {}),
  };
  const base = { id: ev.Actor?.ID ?? ev.id ?? null, image: a.image ?? null };
  const action = (ev.Action ?? '').trim();
  switch (action) {
    case 'start':
      return { ...scope, kind: 'container.start', summary: `${name} started`, detail: base };
    case 'stop':
      return { ...scope, kind: 'container.stop', summary: `${name} stopped`, detail: base };
    case 'restart':
      return { ...scope, kind: 'container.restart', summary: `${name} restarted`, detail: base };
    case 'oom':
      return { ...scope, kind: 'container.oom', severity: 'critical', summary: `${name} was killed for running out of memory`, detail: base };
    case 'die': {
      const exitCode = a.exitCode !== undefined && /^-?\d+$/.test(a.exitCode) ? Number(a.exitCode) : null;
      return {
        ...scope, kind: 'container.die', severity: exitCode === 0 ? 'info' : 'warning',
        summary: `${name} exited${exitCode !== null ? ` with code ${exitCode}` : ''}`, detail: { ...base, exitCode },
      };
    }
  }
  const health = /^health_status:\s*(healthy|unhealthy)$/.exec(action);
  if (health?.[1] === 'unhealthy') return { ...scope, kind: 'health.unhealthy', severity: 'critical', summary: `${name} turned unhealthy`, detail: base };
  if (health?.[1] === 'healthy') return { ...scope, kind: 'health.healthy', summary: `${name} is healthy`, detail: base };
  return null;
}
