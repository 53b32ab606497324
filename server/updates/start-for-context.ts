// The bridge from the updates area (server/updates/area.ts, which holds the per-environment context) to the explicit shape:
// starts the checks, sends a notification when a check finds new images, and exports the statuses to
// /metrics as `slipway_image_updates{env,status}` (read at scrape time).
import { appEnvOf } from '../app';
import type { AppContext } from '../context';
import { UPDATE_STATUSES, type UpdateInfo } from '../contract';
import { environments } from '../environments/registry';
import { metrics } from '../metrics';
import { notifier } from '../notifications/notifier';
import { recordUpdatesFound } from '../events/update-events';
import { updateHooks } from './apply-update';
import { updateChecker } from './checker';
import { startUpdateChecks } from './start';

function appEnv(ctx: AppContext) {
  return appEnvOf(ctx, environments(ctx).urlOf(ctx.env));
}

export function startUpdatesFor(ctx: AppContext) {
  const { app, env } = appEnv(ctx);
  const notify = (found: UpdateInfo[]) => {
    recordUpdatesFound({ app, env }, found);
    const names = found.map((u) => (u.project ? `${u.project}/${u.service}` : u.name));
    notifier(ctx).notify('update.available', `Image updates available on ${env.name}`, `${found.length} container(s) run an outdated image: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`, 'info', {
      env: env.name,
      updates: found.map((u) => ({ container: u.name, image: u.image, remoteDigest: u.remoteDigest })),
    });
  };
  const timers = startUpdateChecks(app, env, notify);
  updateHooks(env).onDone = (job) => {
    if (job.status === 'succeeded') return;
    notifier(ctx).notify('update.failed', `Update of ${job.stack}/${job.service} ${job.status}`, job.output.trim().split('\n').slice(-3).join('\n'), job.status === 'failed' ? 'critical' : 'warning', { env: env.name, ...job, output: undefined });
  };
  const gauge = metrics(ctx).gauge('slipway_image_updates', 'containers by the update status of their image, per environment', ['env', 'status']);
  gauge.collect = () =>
    environments(ctx).contexts().flatMap((c) => {
      const { app: a, env: e } = appEnv(c);
      const list = updateChecker(a, e).list();
      return UPDATE_STATUSES.map((status): [Record<string, string>, number] => [{ env: e.name, status }, list.filter((u) => u.status === status).length]);
    });
  return timers;
}
