// What an area tells the server about its life (issue 16). Each area declares itself once, in its own
// folder (`server/AREA/area.ts`), and is listed in server/areas/all-areas.ts; server/areas/lifecycle.ts
// is the one loop that starts and stops every area for the default engine, an added engine, a removed
// engine and at shutdown. An area that only answers requests needs no entry.
import type { AppEnv } from '../app';

/** Why an environment's areas stop: an admin removed it, or the process is going down. */
export type StopReason = 'removed' | 'shutdown';

export interface Area {
  readonly name: string;
  /** once per process with the default environment, before any environment starts (crash recovery, process-wide listeners) */
  startProcess?(ae: AppEnv): void;
  /** once per environment: the default one at start, each added one when added */
  start?(ae: AppEnv): void;
  /** when that environment is removed, and for every environment at shutdown: nothing of the area may stay running for it */
  stop?(ae: AppEnv, reason: StopReason): void | Promise<void>;
  /** once at shutdown, after every environment stopped */
  stopProcess?(ae: AppEnv): void | Promise<void>;
}

export function defineArea(area: Area): Area {
  return Object.freeze({ ...area });
}
