// The two file sources: a container (running or stopped, found through the watcher) and a volume,
// mounted read-only into a created, never-started helper container (slipway/busybox:1, no network),
// removed after the listing or when the download stream closes.
import crypto from 'node:crypto';
import type { Environment } from '../app';
import type { ContainerChangedEvent } from '../contract';
import { HttpError } from '../http/errors';
import { knownOr404 } from '../docker/container-actions';
import type { FileSource } from './file-source';

export const FILES_HELPER_LABEL = 'slipway.files.helper';
export const FILES_HELPER_IMAGE = 'slipway/busybox:1';
const MOUNT = '/slipway-volume';

function goneWatcher(env: Environment, id: string) {
  return (cb: () => void) => {
    const on = (ev: ContainerChangedEvent) => {
      if (ev.id === id && ev.removed) cb();
    };
    env.watcher.on('changed', on);
    return () => {
      env.watcher.off('changed', on);
    };
  };
}

export function containerSource(env: Environment, ref: string): FileSource {
  const c = knownOr404(env.watcher, ref);
  return { container: env.docker.getContainer(c.id), root: '', label: c.name, watchGone: goneWatcher(env, c.id), release: async () => undefined };
}

export async function volumeSource(env: Environment, name: string): Promise<FileSource> {
  try {
    await env.docker.getVolume(name).inspect();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no volume ${name}`);
    throw e;
  }
  let helper;
  try {
    helper = await env.docker.createContainer({
      name: `slipway-files-${crypto.randomBytes(6).toString('hex')}`,
      Image: FILES_HELPER_IMAGE,
      Entrypoint: ['/slipway-helper-never-started'],
      Cmd: [],
      Labels: { [FILES_HELPER_LABEL]: '1' },
      NetworkDisabled: true,
      HostConfig: { Binds: [`${name}:${MOUNT}:ro`], NetworkMode: 'none' },
    });
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(409, `the helper image ${FILES_HELPER_IMAGE} is not on this engine`);
    throw e;
  }
  let released: Promise<void> | null = null;
  return {
    container: helper,
    root: MOUNT,
    label: `volume ${name}`,
    watchGone: goneWatcher(env, helper.id),
    release: () => (released ??= helper.remove({ force: true, v: false }).then(() => undefined, () => undefined)),
  };
}
