// Groups containers into compose stacks and services with rolled-up state and health. Pure: unit-tested.
import type { ContainerSummary, HealthState, ServiceState, ServiceSummary, StackSummary } from '../contract';
import { exitedFailing, liveHealth, serviceRollup, stackRollup } from '../health/rollup';

export const STANDALONE = '(standalone)';

/** A failure: an OOM kill, a dead container, or a failing exit (server/health/rollup.ts: a stop's signal is none). */
export function isFailedExit(c: Pick<ContainerSummary, 'state' | 'exitCode' | 'oomKilled' | 'completed'>): boolean {
  if (c.oomKilled) return true;
  if (c.state === 'dead') return true;
  return exitedFailing(c);
}

export function serviceState(containers: ContainerSummary[]): ServiceState {
  const running = containers.filter((c) => c.state === 'running' || c.state === 'paused').length;
  if (containers.length > 0 && containers.every((c) => c.completed)) return 'completed';
  if (running === containers.length) return 'running';
  const failed = containers.some((c) => c.state === 'restarting' || isFailedExit(c));
  if (running > 0) return 'partial';
  return failed ? 'failed' : 'stopped';
}

export function rollupHealth(items: { health: HealthState }[]): HealthState {
  if (items.some((i) => i.health === 'unhealthy')) return 'unhealthy';
  if (items.some((i) => i.health === 'starting')) return 'starting';
  if (items.some((i) => i.health === 'healthy')) return 'healthy';
  return 'none';
}

/** A stack's state: completed jobs count as fine beside running services. */
export function stackState(services: ServiceSummary[]): ServiceState {
  const states = services.map((s) => s.state);
  if (states.includes('failed')) return 'failed';
  const active = states.filter((s) => s !== 'completed');
  if (active.length === 0) return 'completed';
  if (active.every((s) => s === 'running')) return 'running';
  if (active.every((s) => s === 'stopped')) return 'stopped';
  return 'partial';
}

export function groupStacks(containers: ContainerSummary[]): StackSummary[] {
  const stacks = new Map<string, Map<string, ContainerSummary[]>>();
  for (const c of containers) {
    const stackName = c.project ?? STANDALONE;
    const serviceName = c.project ? (c.service ?? c.name) : c.name;
    let services = stacks.get(stackName);
    if (!services) stacks.set(stackName, (services = new Map()));
    const list = services.get(serviceName);
    if (list) list.push(c);
    else services.set(serviceName, [c]);
  }
  const result: StackSummary[] = [];
  for (const [name, services] of stacks) {
    const svc: ServiceSummary[] = [...services.entries()]
      .map(([sname, cs]) => {
        cs.sort((a, b) => a.name.localeCompare(b.name));
        return { name: sname, state: serviceState(cs), health: liveHealth(cs), rollup: serviceRollup(cs), containers: cs };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    result.push({ name, standalone: name === STANDALONE, state: stackState(svc), health: rollupHealth(svc), rollup: stackRollup(svc), services: svc });
  }
  // Compose stacks by name first, standalone containers last.
  return result.sort((a, b) => Number(a.standalone) - Number(b.standalone) || a.name.localeCompare(b.name));
}
