// What the updates area (server/updates/area.ts) starts for each environment:
// starts the checks, sends a notification when a check finds new images, and exports the statuses to
// /metrics as `slipway_image_updates{env,status}` (read at scrape time).
import type { AppEnv } from '../app';
import { UPDATE_STATUSES, type UpdateInfo } from '../contract';
import { environments } from '../environments/registry';
import { metrics } from '../metrics';
import { notifier } from '../notifications/notifier';
import { recordUpdatesFound } from '../events/update-events';
import { updateHooks } from './apply-update';
import { updateChecker } from './checker';
import { startUpdateChecks } from './start';

export function startUpdatesFor(ae: AppEnv) {
  const { app, env } = ae;
  const notify = (found: UpdateInfo[]) => {
    recordUpdatesFound({ app, env }, found);
    const names = found.map((u) => (u.project ? `${u.project}/${u.service}` : u.name));
    notifier(ae).notify('update.available', `Image updates available on ${env.name}`, `${found.length} container(s) run an outdated image: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`, 'info', {
      env: env.name,
      updates: found.map((u) => ({ container: u.name, image: u.image, remoteDigest: u.remoteDigest })),
    });
  };
  const timers = startUpdateChecks(app, env, notify);
  updateHooks(env).onDone = (job) => {
    if (job.status === 'succeeded') return;
    notifier(ae).notify('update.failed', `Update of ${job.stack}/${job.service} ${job.status}`, job.output.trim().split('\n').slice(-3).join('\n'), job.status === 'failed' ? 'critical' : 'warning', { env: env.name, ...job, output: undefined });
  };
  const gauge = metrics(ae).gauge('slipway_image_updates', 'containers by the update status of their image, per environment', ['env', 'status']);
  gauge.collect = () =>
    environments(ae).all().flatMap(({ app: a, env: e }) => {
      const list = updateChecker(a, e).list();
      return UPDATE_STATUSES.map((status): [Record<string, string>, number] => [{ env: e.name, status }, list.filter((u) => u.status === status).length]);
    });
  return timers;
}
