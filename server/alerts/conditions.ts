// Which alert conditions hold, from the watcher's container state or from one timeline event. Pure:
// unit-tested. Keys group what one alert covers: a service (`env/project/service`, a standalone
// container as `env/-/name`) for container kinds, a backup target for backups.
import type { AlertRule, ContainerSummary, TimelineEvent } from '../contract';
import { containerRollup, serviceRollup } from '../health/rollup';

export interface Firing {
  key: string;
  project: string | null;
  service: string | null;
  summary: string;
}

type RuleScope = Pick<AlertRule, 'env' | 'project' | 'service'>;

export function inScope(rule: RuleScope, env: string, project: string | null, service: string | null): boolean {
  return (!rule.env || rule.env === env) && (!rule.project || rule.project === project) && (!rule.service || rule.service === service);
}

export const serviceKey = (env: string, c: Pick<ContainerSummary, 'project' | 'service' | 'name'>) =>
  c.project ? `${env}/${c.project}/${c.service ?? ''}` : `${env}/-/${c.name}`;

/** The containers of the watcher grouped by service key, only those in the rule's scope. */
export function servicesInScope(rule: RuleScope, env: string, containers: ContainerSummary[]): Map<string, ContainerSummary[]> {
  const out = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    if (!inScope(rule, env, c.project, c.service ?? (c.project ? null : c.name))) continue;
    const k = serviceKey(env, c);
    out.set(k, [...(out.get(k) ?? []), c]);
  }
  return out;
}

/** exited with a code that is not 0 and not a stop's signal (what the health rollup counts as failed), or dead */
const failedExit = (c: ContainerSummary) => c.state === 'dead' || (c.state === 'exited' && containerRollup(c) === 'unhealthy');

/**
 * The condition of a state rule (unhealthy, restart_loop, oom, exit_nonzero) over one service's
 * containers: a summary when it holds, null when it does not. `unhealthySinceMs` is when the service
 * was first seen unhealthy in a row (kept by the engine).
 */
export function stateCondition(rule: Pick<AlertRule, 'kind' | 'minutes'>, members: ContainerSummary[], now: number, unhealthySinceMs: number | undefined): string | null {
  const names = (cs: ContainerSummary[]) => cs.map((c) => c.name).join(', ');
  switch (rule.kind) {
    case 'unhealthy': {
      if (serviceRollup(members) !== 'unhealthy' || unhealthySinceMs === undefined) return null;
      const minutes = rule.minutes ?? 5;
      return now - unhealthySinceMs >= minutes * 60_000 ? `unhealthy for more than ${minutes} min (${names(members)})` : null;
    }
    case 'restart_loop': {
      const looping = members.filter((c) => c.restartLoop);
      return looping.length ? `restart loop: ${names(looping)} (${Math.max(...looping.map((c) => c.restartCount))} restarts)` : null;
    }
    case 'oom': {
      const killed = members.filter((c) => c.oomKilled);
      return killed.length ? `OOM-killed: ${names(killed)}` : null;
    }
    case 'exit_nonzero': {
      const failed = members.filter(failedExit);
      // "should be running": no replica of the service runs any more
      if (!failed.length || members.some((c) => c.state === 'running')) return null;
      return `exited with code ${failed.map((c) => `${c.exitCode ?? '?'} (${c.name})`).join(', ')}`;
    }
    default:
      return null;
  }
}

export const STATE_KINDS = new Set<AlertRule['kind']>(['unhealthy', 'restart_loop', 'oom', 'exit_nonzero']);

/** What a timeline event does to an event rule (backup_failed, update_available): fire a key, clear one, or nothing. */
export function eventEffect(rule: AlertRule, e: TimelineEvent): { fire?: Firing; clear?: string } | null {
  if (!inScope(rule, e.env, e.project, e.service)) return null;
  if (rule.kind === 'backup_failed') {
    const target = typeof e.detail?.target === 'string' ? e.detail.target : e.container ?? '?';
    const key = `${e.env}/backup:${target}`;
    if (e.kind === 'backup.failed' || e.kind === 'backup.verify_failed') return { fire: { key, project: e.project, service: e.service, summary: e.summary } };
    if (e.kind === 'backup.verified') return { clear: key };
    return null;
  }
  if (rule.kind === 'update_available') {
    const key = e.project ? `${e.env}/${e.project}/${e.service ?? ''}` : `${e.env}/-/${e.container ?? '?'}`;
    if (e.kind === 'update.available') return { fire: { key, project: e.project, service: e.service, summary: e.summary } };
    if (e.kind === 'update.applied') return { clear: key };
    return null;
  }
  return null;
}
