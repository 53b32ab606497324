// Restore tests on schedule (issue 18.5): `slipway.backup.verify` (cron, five fields like the backup
// schedule; default weekly) on every backup target, one croner job each, kept in step with the labels.
import { Cron } from 'croner';
import type { AppContext } from '../context';
import { singleton } from '../context';
import { DEFAULT_VERIFY_SCHEDULE } from '../contract';
import { scheduleProblem } from './cron-pattern';
import { kindOf } from './targets';
import { proveTarget } from './prove';

interface Job { pattern: string; cron: Cron | null; error: string | null }

const proveJobs = (ctx: AppContext) => singleton(ctx, 'backups:prove-schedules', () => new Map<string, Job>());

export const verifyPatternOf = (labels: Record<string, string>) => labels['slipway.backup.verify']?.trim() || DEFAULT_VERIFY_SCHEDULE;

export function reconcileProveSchedules(ctx: AppContext) {
  const jobs = proveJobs(ctx);
  const wanted = new Map<string, string>();
  for (const c of ctx.watcher.list()) if (kindOf(c.labels)) wanted.set(c.name, verifyPatternOf(c.labels));
  for (const [name, job] of jobs)
    if (wanted.get(name) !== job.pattern) {
      job.cron?.stop();
      jobs.delete(name);
    }
  for (const [name, pattern] of wanted) {
    if (jobs.has(name)) continue;
    const problem = scheduleProblem(pattern);
    if (problem) {
      jobs.set(name, { pattern, cron: null, error: `invalid slipway.backup.verify "${pattern}": ${problem}` });
      continue;
    }
    try {
      const cron = new Cron(pattern, { protect: true, catch: true, name: `prove ${name}` }, async () => {
        try {
          await proveTarget(ctx, name, null);
        } catch (e) {
          // no verified backup yet, or the target busy: the next run tries again
          console.error(`[slipway] restore test of ${name} not run: ${(e as Error).message}`);
        }
      });
      jobs.set(name, { pattern, cron, error: null });
    } catch (e) {
      jobs.set(name, { pattern, cron: null, error: `invalid slipway.backup.verify "${pattern}": ${(e as Error).message}` });
    }
  }
}

export function proveScheduleOf(ctx: AppContext, name: string): { nextRun: string | null; error: string | null } {
  const job = proveJobs(ctx).get(name);
  return { nextRun: job?.cron?.nextRun()?.toISOString() ?? null, error: job?.error ?? null };
}

export function stopProveSchedules(ctx: AppContext) {
  for (const job of proveJobs(ctx).values()) job.cron?.stop();
  proveJobs(ctx).clear();
}
