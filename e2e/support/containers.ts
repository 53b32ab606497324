// Real containers for tests: tiny busybox containers on the host network, in uniquely named
// compose projects (compose labels set directly through the Engine API), removed afterwards.
import crypto from 'node:crypto';
import Docker from 'dockerode';

export const docker = new Docker({ socketPath: '/var/run/docker.sock' });
export const BUSYBOX = 'slipway/busybox:1';

export function uniqueProject(prefix = 'swt') {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}

export interface TestContainerOptions {
  project: string | null;
  service: string;
  cmd: string[];
  image?: string;
  labels?: Record<string, string>;
  healthcheck?: { test: string[]; intervalMs?: number; retries?: number };
  restart?: 'no' | 'unless-stopped' | 'always';
  start?: boolean;
  env?: string[];
  tty?: boolean;
  memoryBytes?: number;
  index?: number;
}

export async function createTestContainer(o: TestContainerOptions) {
  const name = o.project ? `${o.project}-${o.service}-${o.index ?? 1}` : `${o.service}-${crypto.randomBytes(3).toString('hex')}`;
  const labels: Record<string, string> = { 'slipway.test': '1', ...o.labels };
  if (o.project) Object.assign(labels, { 'com.docker.compose.project': o.project, 'com.docker.compose.service': o.service, 'com.docker.compose.container-number': String(o.index ?? 1) });
  const c = await docker.createContainer({
    name,
    Image: o.image ?? BUSYBOX,
    Cmd: o.cmd,
    Labels: labels,
    Env: o.env,
    Tty: o.tty ?? false,
    StopSignal: 'SIGKILL',
    Healthcheck: o.healthcheck
      ? { Test: o.healthcheck.test, Interval: (o.healthcheck.intervalMs ?? 500) * 1e6, Timeout: 2e9, Retries: o.healthcheck.retries ?? 1, StartPeriod: 0 }
      : undefined,
    HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: o.restart ?? 'no' }, Memory: o.memoryBytes, MemorySwap: o.memoryBytes },
  });
  if (o.start !== false) await c.start();
  return { id: c.id, name, container: c };
}

export async function removeProject(project: string) {
  const list = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

export async function removeContainer(id: string) {
  await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
}
