// The backups area's life: crash recovery once per process, and each environment's schedules (backups
// and restore tests) kept in step with its containers' labels until the environment goes.
import { defineArea } from '../areas/define-area';
import type { AppEnv } from '../app';
import { recoverInterrupted } from './catalog';
import { removeHelpers } from './targets';
import { reconcileSchedules, stopSchedules } from './scheduler';
import { reconcileProveSchedules, stopProveSchedules } from './prove-scheduler';

/** Rows left `running` by a crash (or by this stop) become `interrupted`; their partial files and helper containers go. */
function recover(ae: AppEnv, when: string) {
  const r = recoverInterrupted(ae.app.db, ae.app.config.dataDir);
  if (r.rows || r.files) console.log(`[slipway] backups: ${r.rows} interrupted ${when}, ${r.files} partial file(s) removed`);
  void removeHelpers(ae).catch(() => undefined);
}

const watching = (ae: AppEnv) => ae.env.service('backups:watching', () => ({ stop: () => {} }));

export const backupsArea = defineArea({
  name: 'backups',
  startProcess: (ae) => recover(ae, 'by the last stop'),
  start(ae) {
    let timer: NodeJS.Timeout | null = null;
    const reconcile = () => {
      reconcileSchedules(ae);
      reconcileProveSchedules(ae);
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
    void ae.env.watcher.whenReady().then(() => stopped || reconcile());
    ae.env.watcher.on('changed', soon);
    watching(ae).stop = () => {
      stopped = true;
      ae.env.watcher.off('changed', soon);
      if (timer) clearTimeout(timer);
    };
  },
  stop(ae) {
    watching(ae).stop();
    stopSchedules(ae);
    stopProveSchedules(ae);
  },
  // A clean stop: no row stays `running` while no process runs it, no helper keeps a volume in use.
  stopProcess: (ae) => recover(ae, 'by this stop'),
});
