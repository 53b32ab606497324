// Schedules from `slipway.backup.schedule` (cron, croner): one job per labelled container, kept in
// step with the live container model; a run that finds the target busy is skipped (croner `protect`).
import { Cron } from 'croner';
import { scheduleProblem } from './cron-pattern';
import type { AppContext } from '../context';
import { singleton } from '../context';
import { kindOf } from './targets';
import { startBackup } from './run-backup';

interface Job {
  pattern: string;
  cron: Cron | null;
  error: string | null;
}

export const scheduleJobs = (ctx: AppContext) => singleton(ctx, 'backups:schedules', () => new Map<string, Job>());

/** Creates, replaces and stops jobs so that they match the labels of the containers that exist now. */
export function reconcileSchedules(ctx: AppContext) {
  const jobs = scheduleJobs(ctx);
  const wanted = new Map<string, string>();
  for (const c of ctx.watcher.list()) {
    const pattern = c.labels['slipway.backup.schedule']?.trim();
    if (pattern && kindOf(c.labels)) wanted.set(c.name, pattern);
  }
  for (const [name, job] of jobs) {
    if (wanted.get(name) !== job.pattern) {
      job.cron?.stop();
      jobs.delete(name);
    }
  }
  for (const [name, pattern] of wanted) {
    if (jobs.has(name)) continue;
    const problem = scheduleProblem(pattern);
    if (problem) {
      jobs.set(name, { pattern, cron: null, error: `invalid schedule "${pattern}": ${problem}` });
      continue;
    }
    try {
      const cron = new Cron(pattern, { protect: true, catch: true, name: `backup ${name}` }, async () => {
        try {
          await startBackup(ctx, name, 'schedule', null);
        } catch (e) {
          console.error(`[slipway] scheduled backup of ${name} not started: ${(e as Error).message}`);
        }
      });
      jobs.set(name, { pattern, cron, error: null });
    } catch (e) {
      jobs.set(name, { pattern, cron: null, error: `invalid schedule "${pattern}": ${(e as Error).message}` });
    }
  }
}

export function scheduleOf(ctx: AppContext, name: string): { nextRun: string | null; error: string | null } {
  const job = scheduleJobs(ctx).get(name);
  return { nextRun: job?.cron?.nextRun()?.toISOString() ?? null, error: job?.error ?? null };
}

export function stopSchedules(ctx: AppContext) {
  for (const job of scheduleJobs(ctx).values()) job.cron?.stop();
  scheduleJobs(ctx).clear();
}
