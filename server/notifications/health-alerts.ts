// Turns the live container model into notices: a service turning unhealthy or recovering, an OOM
// kill, a restart loop. Transitions only: what is already sick when Slipway starts is the baseline,
// so a restart of Slipway does not page anyone.
import type { AppContext } from '../context';
import type { ContainerChangedEvent, HealthState } from '../contract';
import { rollupHealth } from '../docker/group-stacks';
import { notifier } from './notifier';

const LOOP_RESTARTS = 3;
const LOOP_WINDOW_MS = 5 * 60_000;

export function startHealthAlerts(ctx: AppContext) {
  const serviceHealth = new Map<string, HealthState>();
  const oomSeen = new Set<string>();
  const restarts = new Map<string, { count: number; at: number }[]>();
  const loopAlerted = new Map<string, number>();

  ctx.watcher.on('changed', (ev: ContainerChangedEvent) => {
    const c = ev.container;
    if (!c) return;
    const n = notifier(ctx);
    const where = c.project ? `${c.project}/${c.service}` : c.name;

    if (c.oomKilled && !oomSeen.has(c.id)) {
      oomSeen.add(c.id);
      n.notify('container.oom', `OOM-killed: ${c.name}`, `Container ${c.name} (${where}) was killed for running out of memory.`, 'critical', { container: c.name, id: c.id });
    } else if (!c.oomKilled) oomSeen.delete(c.id);

    const now = Date.now();
    const history = (restarts.get(c.id) ?? []).filter((h) => now - h.at < LOOP_WINDOW_MS);
    if (!history.length || history[history.length - 1].count !== c.restartCount) history.push({ count: c.restartCount, at: now });
    restarts.set(c.id, history);
    const rising = history[history.length - 1].count - history[0].count;
    if (rising >= LOOP_RESTARTS && now - (loopAlerted.get(c.id) ?? 0) > LOOP_WINDOW_MS) {
      loopAlerted.set(c.id, now);
      n.notify('container.restart_loop', `Restart loop: ${c.name}`, `Container ${c.name} (${where}) restarted ${rising} times in 5 minutes.`, 'critical', { container: c.name, restartCount: c.restartCount });
    }

    const key = c.project ? `${c.project}/${c.service}` : `(standalone)/${c.name}`;
    const members = ctx.watcher.list().filter((x) => (c.project ? x.project === c.project && x.service === c.service : x.id === c.id));
    const health = rollupHealth(members);
    const before = serviceHealth.get(key);
    serviceHealth.set(key, health);
    if (before === undefined) return;
    if (health === 'unhealthy' && before !== 'unhealthy')
      n.notify('service.unhealthy', `Unhealthy: ${key}`, `Service ${key} turned unhealthy (${members.filter((m) => m.health === 'unhealthy').map((m) => m.name).join(', ')}).`, 'critical', { service: key });
    else if (before === 'unhealthy' && health === 'healthy')
      n.notify('service.recovered', `Recovered: ${key}`, `Service ${key} is healthy again.`, 'info', { service: key });
  });
}
