// Turns the live container model into notices: a service turning unhealthy or recovering (the same
// probe-aware rollup the overview shows), an OOM kill, a restart loop. Transitions only: what is
// already sick when Slipway starts is the baseline, so a restart of Slipway does not page anyone.
import type { AppEnv } from '../app';
import type { ContainerChangedEvent, Rollup } from '../contract';
import { serviceRollup } from '../health/rollup';
import { notifier } from './notifier';
import { recordEvent } from '../events/record';

/** Returns the function that stops listening (the environment was removed or the process stops). */
export function startHealthAlerts(ae: AppEnv): () => void {
  const serviceState = new Map<string, Rollup>();
  const oomSeen = new Set<string>();
  const inLoop = new Set<string>();

  const onChanged = (ev: ContainerChangedEvent) => {
    const c = ev.container;
    if (!c) return;
    const n = notifier(ae);
    const where = c.project ? `${c.project}/${c.service}` : c.name;

    if (c.oomKilled && !oomSeen.has(c.id)) {
      oomSeen.add(c.id);
      n.notify('container.oom', `OOM-killed: ${c.name}`, `Container ${c.name} (${where}) was killed for running out of memory.`, 'critical', { container: c.name, id: c.id });
    } else if (!c.oomKilled) oomSeen.delete(c.id);

    if (c.restartLoop && !inLoop.has(c.id)) {
      inLoop.add(c.id);
      n.notify('container.restart_loop', `Restart loop: ${c.name}`, `Container ${c.name} (${where}) keeps restarting (${c.restartCount} restarts).`, 'critical', { container: c.name, restartCount: c.restartCount });
      recordEvent(ae, { project: c.project, service: c.service, container: c.name, kind: 'container.restart_loop', severity: 'critical', summary: `${c.name} keeps restarting (${c.restartCount} restarts)`, detail: { id: c.id, restartCount: c.restartCount } });
    } else if (!c.restartLoop) inLoop.delete(c.id);

    const key = c.project ? `${c.project}/${c.service}` : `(standalone)/${c.name}`;
    const members = ae.env.watcher.list().filter((x) => (c.project ? x.project === c.project && x.service === c.service : x.id === c.id));
    const rollup = serviceRollup(members);
    const before = serviceState.get(key);
    serviceState.set(key, rollup);
    if (before === undefined) return;
    if (rollup === 'unhealthy' && before !== 'unhealthy')
      n.notify('service.unhealthy', `Unhealthy: ${key}`, `Service ${key} turned unhealthy (${members.map((m) => m.name).join(', ')}).`, 'critical', { service: key });
    else if (before === 'unhealthy' && rollup === 'healthy')
      n.notify('service.recovered', `Recovered: ${key}`, `Service ${key} is healthy again.`, 'info', { service: key });
  };
  ae.env.watcher.on('changed', onChanged);
  return () => void ae.env.watcher.off('changed', onChanged);
}
