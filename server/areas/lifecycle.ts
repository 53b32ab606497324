// The one loop that runs every area's start and stop (server/areas/define-area.ts): the default engine
// at start, an added engine, a removed engine, and shutdown (server/index.ts hands it ALL_AREAS from
// all-areas.ts; tests hand it fakes). Starting follows the order of the list
// (listeners before the watcher's first sync, the watcher before what reads its model); stopping goes
// in reverse, and one area's failure to stop never keeps the others running.
import type { AppContext } from '../context';
import type { Area, StopReason } from './define-area';
import { inEnvironment } from '../audit/audit-env';

export function startProcessAreas(ctx: AppContext, areas: readonly Area[]) {
  for (const a of areas) a.startProcess?.(ctx);
}

/** Started inside the environment's audit scope: what its timers and listeners record carries its name. */
export function startEnvironmentAreas(env: AppContext, areas: readonly Area[]) {
  inEnvironment(env.env, () => {
    for (const a of areas) a.start?.(env);
  });
}

export async function stopEnvironmentAreas(env: AppContext, areas: readonly Area[], reason: StopReason = 'removed') {
  for (const a of [...areas].reverse()) await settle(a, 'stop', () => inEnvironment(env.env, () => a.stop?.(env, reason)));
}

/** Shutdown: every environment's areas (at once), then the process-wide parts. */
export async function stopAllAreas(ctx: AppContext, envs: readonly AppContext[], areas: readonly Area[]) {
  await Promise.all(envs.map((e) => stopEnvironmentAreas(e, areas, 'shutdown')));
  for (const a of [...areas].reverse()) await settle(a, 'stopProcess', () => a.stopProcess?.(ctx));
}

async function settle(area: Area, hook: string, run: () => void | Promise<void>) {
  try {
    await run();
  } catch (e) {
    console.error(`[slipway] ${area.name}.${hook} failed:`, (e as Error).message);
  }
}
