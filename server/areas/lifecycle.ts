// The one loop that runs every area's start and stop (server/areas/define-area.ts): the default engine
// at start, an added engine, a removed engine, and shutdown (server/index.ts hands it ALL_AREAS from
// all-areas.ts; tests hand it fakes). Starting follows the order of the list
// (listeners before the watcher's first sync, the watcher before what reads its model); stopping goes
// in reverse, and one area's failure to stop never keeps the others running.
import type { AppEnv } from '../app';
import type { Area, StopReason } from './define-area';
import { inEnvironment } from '../audit/audit-env';

export function startProcessAreas(ae: AppEnv, areas: readonly Area[]) {
  for (const a of areas) a.startProcess?.(ae);
}

/** Started inside the environment's audit scope: what its timers and listeners record carries its name. */
export function startEnvironmentAreas(ae: AppEnv, areas: readonly Area[]) {
  inEnvironment(ae.env.name, () => {
    for (const a of areas) a.start?.(ae);
  });
}

export async function stopEnvironmentAreas(ae: AppEnv, areas: readonly Area[], reason: StopReason = 'removed') {
  for (const a of [...areas].reverse()) await settle(a, 'stop', () => inEnvironment(ae.env.name, () => a.stop?.(ae, reason)));
}

/** Shutdown: every environment's areas (at once), then the process-wide parts. */
export async function stopAllAreas(ae: AppEnv, envs: readonly AppEnv[], areas: readonly Area[]) {
  await Promise.all(envs.map((e) => stopEnvironmentAreas(e, areas, 'shutdown')));
  for (const a of [...areas].reverse()) await settle(a, 'stopProcess', () => a.stopProcess?.(ae));
}

async function settle(area: Area, hook: string, run: () => void | Promise<void>) {
  try {
    await run();
  } catch (e) {
    console.error(`[slipway] ${area.name}.${hook} failed:`, (e as Error).message);
  }
}
