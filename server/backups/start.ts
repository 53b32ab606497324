// Called once at server start (server/index.ts): crash recovery, then the scheduler.
import type { AppContext } from '../context';
import { recoverInterrupted } from './catalog';
import { removeHelpers } from './targets';
import { reconcileSchedules, stopSchedules } from './scheduler';
import { reconcileProveSchedules, stopProveSchedules } from './prove-scheduler';

export function startBackups(ctx: AppContext) {
  // Rows left `running` by a crash become `interrupted`; their partial files go.
  const r = recoverInterrupted(ctx.db, ctx.config.dataDir);
  if (r.rows || r.files) console.log(`[slipway] backups: ${r.rows} interrupted by the last stop, ${r.files} partial file(s) removed`);
  void removeHelpers(ctx).catch(() => undefined);
  startBackupScheduler(ctx);
  // A clean stop does the same at once (the server's own shutdown exits within 3 s): no row stays
  // `running` while no process runs it, and no helper container keeps a volume in use.
  const onStop = () => {
    stopSchedules(ctx);
    stopProveSchedules(ctx);
    recoverInterrupted(ctx.db, ctx.config.dataDir);
    void removeHelpers(ctx).catch(() => undefined);
  };
  process.once('SIGTERM', onStop);
  process.once('SIGINT', onStop);
}

/** Schedules of one environment's backup targets, kept in step with its containers' labels. */
export function startBackupScheduler(ctx: AppContext) {
  let timer: NodeJS.Timeout | null = null;
  const soon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      reconcileSchedules(ctx);
      reconcileProveSchedules(ctx);
    }, 500);
    timer.unref();
  };
  void ctx.watcher.whenReady().then(() => {
    reconcileSchedules(ctx);
    reconcileProveSchedules(ctx);
  });
  ctx.watcher.on('changed', soon);
}
