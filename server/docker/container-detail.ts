// One container in full: the live inspect document shaped for the detail page.
import type Docker from 'dockerode';
import type { ContainerDetail, ProbeResult } from '../contract';
import type { ContainerWatcher } from './container-watcher';
import { healthLog, toSummary } from './container-model';
import { inspectContainer } from './container-actions';

export async function containerDetail(docker: Docker, watcher: ContainerWatcher, ref: string, showSecrets: boolean, probes?: { latest: (id: string) => ProbeResult[]; history: (id: string) => Record<string, ProbeResult[]> }): Promise<ContainerDetail> {
  const info = await inspectContainer(docker, watcher, ref);
  const health = info.State?.Health as { FailingStreak?: number } | undefined;
  const live = watcher.containers.get(info.Id);
  return {
    ...toSummary(info),
    probeStatus: live?.probeStatus,
    restartLoop: live?.restartLoop,
    command: [...(info.Config?.Entrypoint ? ([] as string[]).concat(info.Config.Entrypoint) : []), ...(info.Config?.Cmd ?? [])],
    env: showSecrets ? (info.Config?.Env ?? []) : null,
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type, source: m.Source, destination: m.Destination, name: m.Name })),
    health_log: healthLog(info),
    failingStreak: health?.FailingStreak ?? 0,
    probes: probes?.latest(info.Id) ?? [],
    probeHistory: probes?.history(info.Id) ?? {},
  };
}
