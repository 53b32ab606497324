// Start, stop, restart: the engine does the work; the watcher's model is refreshed before answering
// so the caller sees the new state at once.
import type { ContainerWatcher } from './container-watcher';
import type Docker from 'dockerode';
import type { ContainerSummary } from '../contract';
import { HttpError } from '../http/errors';

export type ContainerAction = 'start' | 'stop' | 'restart';

export async function runContainerAction(docker: Docker, watcher: ContainerWatcher, ref: string, action: ContainerAction): Promise<ContainerSummary> {
  const known = watcher.find(ref);
  if (!known) throw new HttpError(404, `no container ${ref}`);
  const c = docker.getContainer(known.id);
  try {
    if (action === 'start') await c.start();
    else if (action === 'stop') await c.stop({ t: 10 });
    else await c.restart({ t: 10 });
  } catch (e) {
    // 304: already in the asked state. That is success for an operator clicking a button.
    if ((e as { statusCode?: number }).statusCode !== 304) throw e;
  }
  await watcher.refresh(known.id);
  const now = watcher.containers.get(known.id);
  if (!now) throw new HttpError(404, `container ${ref} is gone`);
  return now;
}

export async function inspectContainer(docker: Docker, watcher: ContainerWatcher, ref: string): Promise<Docker.ContainerInspectInfo> {
  const known = watcher.find(ref);
  if (!known) throw new HttpError(404, `no container ${ref}`);
  return docker.getContainer(known.id).inspect();
}
