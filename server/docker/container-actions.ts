// Lifecycle actions: the engine does the work; the watcher's model is refreshed before answering
// so the caller sees the new state at once.
import type { ContainerWatcher } from './container-watcher';
import type Docker from 'dockerode';
import type { ContainerSummary } from '../contract';
import { HttpError } from '../http/errors';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

export function knownOr404(watcher: ContainerWatcher, ref: string): ContainerSummary {
  const known = watcher.find(ref);
  if (!known) throw new HttpError(404, `no container ${ref}`);
  return known;
}

/** Re-inspects one container into the watcher's model and returns it (404 when it is gone). */
export async function refreshed(watcher: ContainerWatcher, id: string, ref = id): Promise<ContainerSummary> {
  await watcher.refresh(id);
  const now = watcher.containers.get(id);
  if (!now) throw new HttpError(404, `container ${ref} is gone`);
  return now;
}

export async function runContainerAction(docker: Docker, watcher: ContainerWatcher, ref: string, action: ContainerAction): Promise<ContainerSummary> {
  const known = knownOr404(watcher, ref);
  const c = docker.getContainer(known.id);
  try {
    if (action === 'start') await c.start();
    else if (action === 'stop') await c.stop({ t: 10 });
    else if (action === 'restart') await c.restart({ t: 10 });
    else if (action === 'pause') await c.pause();
    else await c.unpause();
  } catch (e) {
    // 304: already in the asked state. That is success for an operator clicking a button.
    if ((e as { statusCode?: number }).statusCode !== 304) throw e;
  }
  return refreshed(watcher, known.id, ref);
}

/** Sends one signal from the contract's fixed list; a container that is not running gets Docker's 409. */
export async function killContainer(docker: Docker, watcher: ContainerWatcher, ref: string, signal: string): Promise<ContainerSummary> {
  const known = knownOr404(watcher, ref);
  await docker.getContainer(known.id).kill({ signal });
  return refreshed(watcher, known.id, ref);
}

/** Renames; a name another container holds is Docker's 409. */
export async function renameContainer(docker: Docker, watcher: ContainerWatcher, ref: string, name: string): Promise<{ before: string; after: ContainerSummary }> {
  const known = knownOr404(watcher, ref);
  if (known.name === name) return { before: known.name, after: known };
  await docker.getContainer(known.id).rename({ name });
  return { before: known.name, after: await refreshed(watcher, known.id, ref) };
}

/**
 * Removes a stopped container. The confirmation must be its exact name; running, paused and restarting
 * containers are refused (stop it first), so a remove never kills anything.
 */
export async function removeContainer(docker: Docker, watcher: ContainerWatcher, ref: string, confirm: string, volumes: boolean): Promise<ContainerSummary> {
  const known = knownOr404(watcher, ref);
  if (confirm !== known.name) throw new HttpError(400, `type the container's name (${known.name}) to confirm`);
  const info = await docker.getContainer(known.id).inspect();
  if (info.State.Running || info.State.Paused || info.State.Restarting) throw new HttpError(409, `${known.name} is ${info.State.Status}: stop it before removing it`);
  await docker.getContainer(known.id).remove({ v: volumes, force: false });
  await watcher.refresh(known.id, true);
  return { ...known, state: 'removed' };
}

export async function inspectContainer(docker: Docker, watcher: ContainerWatcher, ref: string): Promise<Docker.ContainerInspectInfo> {
  const known = knownOr404(watcher, ref);
  return docker.getContainer(known.id).inspect();
}
