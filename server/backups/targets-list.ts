// The backups page's target list: labelled containers and volumes backed up before, with last result and next run.
import type { AppEnv } from '../app';
import type { BackupTarget } from '../contract';
import { listBackups } from './catalog';
import { catalogEnv } from '../environments/registry';
import { kindOf, retainOf } from './targets';
import { scheduleOf } from './scheduler';
import { proveScheduleOf, verifyPatternOf } from './prove-scheduler';
import { newestProven } from './prove-counts';
import type { BackupProof } from '../contract';

export async function listTargets(ae: AppEnv): Promise<BackupTarget[]> {
  const recent = listBackups(ae.app.db, { limit: 5000, env: catalogEnv(ae) });
  const lastOf = (target: string) => {
    const b = recent.find((r) => r.target === target && r.status !== 'running');
    return b ? { id: b.id, status: b.status, startedAt: b.startedAt, finishedAt: b.finishedAt, error: b.error } : null;
  };
  const runningOf = (target: string) => recent.find((r) => r.target === target && r.status === 'running')?.id ?? null;
  const proofOf = (target: string) => {
    const mine = recent.filter((r) => r.target === target);
    const latest = mine.filter((r) => r.proof).sort((a, b) => Date.parse((JSON.parse(b.proof!) as BackupProof).at) - Date.parse((JSON.parse(a.proof!) as BackupProof).at))[0];
    return { lastProvenAt: newestProven(mine)?.provenAt ?? null, lastProof: latest ? (JSON.parse(latest.proof!) as BackupProof) : null };
  };
  const out: BackupTarget[] = [];
  for (const c of ae.env.watcher.list()) {
    const kind = kindOf(c.labels);
    if (!kind) continue;
    const l = c.labels;
    const source = kind === 'postgres' ? (l['slipway.backup.database'] ?? (await defaultDatabase(ae, c.id))) : kind === 'sqlite' ? (l['slipway.backup.path'] ?? '(no path label)') : (l['slipway.backup.volumes'] ?? 'named volumes');
    const sched = scheduleOf(ae, c.name);
    const prove = proveScheduleOf(ae, c.name);
    out.push({
      target: c.name, kind, containerId: c.id, state: c.state, source, schedule: l['slipway.backup.schedule'] ?? null,
      scheduleError: sched.error, nextRun: sched.nextRun, retain: retainOf(l), last: lastOf(c.name), running: runningOf(c.name),
      verifySchedule: verifyPatternOf(l), verifyNextRun: prove.nextRun, verifyScheduleError: prove.error, ...proofOf(c.name),
    });
  }
  for (const t of new Set(recent.filter((r) => r.target.startsWith('volume:')).map((r) => r.target))) {
    out.push({ target: t, kind: 'volume', containerId: null, state: null, source: t.slice(7), schedule: null, scheduleError: null, nextRun: null, retain: null, last: lastOf(t), running: runningOf(t), ...proofOf(t) });
  }
  return out.sort((a, b) => a.target.localeCompare(b.target));
}

/** The database a postgres target dumps when no label names it: POSTGRES_DB, else POSTGRES_USER, else postgres. */
async function defaultDatabase(ae: AppEnv, id: string): Promise<string> {
  try {
    const env = (await ae.env.docker.getContainer(id).inspect()).Config?.Env ?? [];
    const get = (k: string) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);
    return get('POSTGRES_DB') || get('POSTGRES_USER') || 'postgres';
  } catch {
    return 'postgres';
  }
}
