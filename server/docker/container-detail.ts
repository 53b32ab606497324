// One container in full: the live inspect document shaped for the detail page.
import type Docker from 'dockerode';
import type { ContainerDetail } from '../contract';
import type { ContainerWatcher } from './container-watcher';
import { healthLog, toSummary } from './container-model';
import { inspectContainer } from './container-actions';

export async function containerDetail(docker: Docker, watcher: ContainerWatcher, ref: string, showSecrets: boolean): Promise<ContainerDetail> {
  const info = await inspectContainer(docker, watcher, ref);
  const health = info.State?.Health as { FailingStreak?: number } | undefined;
  return {
    ...toSummary(info),
    command: [...(info.Config?.Entrypoint ? ([] as string[]).concat(info.Config.Entrypoint) : []), ...(info.Config?.Cmd ?? [])],
    env: showSecrets ? (info.Config?.Env ?? []) : null,
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type, source: m.Source, destination: m.Destination, name: m.Name })),
    health_log: healthLog(info),
    failingStreak: health?.FailingStreak ?? 0,
    probes: [],
  };
}
