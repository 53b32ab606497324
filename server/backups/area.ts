// The backups area's life: crash recovery once per process, and each environment's schedules (backups
// and restore tests) kept in step with its containers' labels until the environment goes.
import { defineArea } from '../areas/define-area';
import type { AppContext } from '../context';
import { singleton } from '../context';
import { recoverInterrupted } from './catalog';
import { removeHelpers } from './targets';
import { reconcileSchedules, stopSchedules } from './scheduler';
import { reconcileProveSchedules, stopProveSchedules } from './prove-scheduler';

/** Rows left `running` by a crash (or by this stop) become `interrupted`; their partial files and helper containers go. */
function recover(ctx: AppContext, when: string) {
  const r = recoverInterrupted(ctx.db, ctx.config.dataDir);
  if (r.rows || r.files) console.log(`[slipway] backups: ${r.rows} interrupted ${when}, ${r.files} partial file(s) removed`);
  void removeHelpers(ctx).catch(() => undefined);
}

const watching = (env: AppContext) => singleton(env, 'backups:watching', () => ({ stop: () => {} }));

export const backupsArea = defineArea({
  name: 'backups',
  startProcess: (ctx) => recover(ctx, 'by the last stop'),
  start(env) {
    let timer: NodeJS.Timeout | null = null;
    const reconcile = () => {
      reconcileSchedules(env);
      reconcileProveSchedules(env);
    };
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        reconcile();
      }, 500);
      timer.unref();
    };
    let stopped = false;
    void env.watcher.whenReady().then(() => stopped || reconcile());
    env.watcher.on('changed', soon);
    watching(env).stop = () => {
      stopped = true;
      env.watcher.off('changed', soon);
      if (timer) clearTimeout(timer);
    };
  },
  stop(env) {
    watching(env).stop();
    stopSchedules(env);
    stopProveSchedules(env);
  },
  // A clean stop: no row stays `running` while no process runs it, no helper keeps a volume in use.
  stopProcess: (ctx) => recover(ctx, 'by this stop'),
});
