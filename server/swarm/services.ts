// Reading services and their tasks from a swarm manager.
import type Docker from 'dockerode';
import type { SwarmServiceDetail, SwarmServicesResponse } from '../contract';
import { HttpError } from '../http/errors';
import { groupServices, toService, toServiceDetail, type RawService, type RawTask } from './model';
import { nodeNames, swarmCall } from './swarm-engine';

export async function listSwarmServices(docker: Docker): Promise<SwarmServicesResponse> {
  // status=true: the engine counts running/desired tasks itself (API 1.41), one call for all services
  const raw = (await swarmCall(() => docker.listServices({ status: true } as object))) as unknown as RawService[];
  if (raw.every((s) => s.ServiceStatus)) return groupServices(raw.map((s) => toService(s)));
  // an engine older than API 1.41 does not count: one task list for all services instead
  const tasks = (await swarmCall(() => docker.listTasks({ filters: { 'desired-state': ['running'] } }))) as RawTask[];
  const byService = new Map<string, RawTask[]>();
  for (const t of tasks) byService.set(t.ServiceID, [...(byService.get(t.ServiceID) ?? []), t]);
  return groupServices(raw.map((s) => toService(s, byService.get(s.ID) ?? [])));
}

/** The service as Docker returns it; 404 with the reference when there is no such service. */
export async function inspectService(docker: Docker, ref: string): Promise<RawService> {
  try {
    return (await swarmCall(() => docker.getService(ref).inspect())) as RawService;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no swarm service ${ref}`);
    throw e;
  }
}

export async function listServiceTasks(docker: Docker, serviceId: string): Promise<RawTask[]> {
  return (await swarmCall(() => docker.listTasks({ filters: { service: [serviceId] } }))) as RawTask[];
}

export async function serviceDetail(docker: Docker, ref: string): Promise<SwarmServiceDetail> {
  const s = await inspectService(docker, ref);
  const [tasks, names] = await Promise.all([listServiceTasks(docker, s.ID), nodeNames(docker)]);
  return toServiceDetail(s, tasks, names);
}
