// Reading services and their tasks from a swarm manager: live from the engine (progress monitors, the
// model's fallback), or from the environment's in-memory model (the GET routes; service-model.ts).
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { SwarmServiceDetail, SwarmServicesResponse } from '../contract';
import { HttpError } from '../http/errors';
import { toServiceDetail, type RawService, type RawTask } from './model';
import { swarmModel } from './service-model';
import { nodeNames, swarmCall } from './swarm-engine';

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

/** GET /api/swarm/services: from the environment's model, at most MAX_AGE_MS old. */
export function listServicesFromModel(ae: AppEnv): Promise<SwarmServicesResponse> {
  return swarmModel(ae).list();
}

/** GET /api/swarm/services/:id: from the model; a service it does not know yet is read live. */
export function serviceDetailFromModel(ae: AppEnv, ref: string): Promise<SwarmServiceDetail> {
  return swarmModel(ae).detail(ref, () => serviceDetail(ae.env.docker, ref));
}
