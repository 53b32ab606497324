// The one cron loop of the backups area: one croner job per container whose labels ask for one, kept in
// step with the live container model (created, replaced when the pattern changes, stopped when the
// label or the container goes). Backups (scheduler.ts) and restore tests (prove-scheduler.ts) are two
// instances. A run that finds the previous one still going is skipped (croner `protect`).
import { Cron } from 'croner';
import type { ContainerSummary } from '../contract';
import { scheduleProblem } from './cron-pattern';

interface Job {
  pattern: string;
  cron: Cron | null;
  error: string | null;
}

export interface LabelScheduleSpec {
  /** names the jobs in croner and logs: `backup`, `prove` */
  what: string;
  /** the label it reads, named in a bad pattern's message */
  label: string;
  /** the pattern a container asks for, or undefined for none */
  patternOf(c: ContainerSummary): string | undefined;
  /** one run for a container; a failure is logged and the next run tries again */
  run(name: string): Promise<unknown>;
}

export class LabelSchedules {
  private jobs = new Map<string, Job>();

  constructor(private spec: LabelScheduleSpec) {}

  /** Creates, replaces and stops jobs so that they match the labels of the containers that exist now. */
  reconcile(containers: ContainerSummary[]) {
    const wanted = new Map<string, string>();
    for (const c of containers) {
      const pattern = this.spec.patternOf(c);
      if (pattern) wanted.set(c.name, pattern);
    }
    for (const [name, job] of this.jobs) {
      if (wanted.get(name) !== job.pattern) {
        job.cron?.stop();
        this.jobs.delete(name);
      }
    }
    for (const [name, pattern] of wanted) if (!this.jobs.has(name)) this.jobs.set(name, this.create(name, pattern));
  }

  private create(name: string, pattern: string): Job {
    const invalid = (why: string): Job => ({ pattern, cron: null, error: `invalid ${this.spec.label} "${pattern}": ${why}` });
    const problem = scheduleProblem(pattern);
    if (problem) return invalid(problem);
    try {
      const cron = new Cron(pattern, { protect: true, catch: true, name: `${this.spec.what} ${name}` }, async () => {
        try {
          await this.spec.run(name);
        } catch (e) {
          console.error(`[slipway] scheduled ${this.spec.what} of ${name} not run: ${(e as Error).message}`);
        }
      });
      return { pattern, cron, error: null };
    } catch (e) {
      return invalid((e as Error).message);
    }
  }

  of(name: string): { nextRun: string | null; error: string | null } {
    const job = this.jobs.get(name);
    return { nextRun: job?.cron?.nextRun()?.toISOString() ?? null, error: job?.error ?? null };
  }

  stop() {
    for (const job of this.jobs.values()) job.cron?.stop();
    this.jobs.clear();
  }
}
