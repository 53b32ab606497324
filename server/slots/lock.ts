// One switch or deploy per group at a time, for every code path in the process (HTTP routes, socket
// handlers, deploy-then-switch): the lock map is one per environment (env.service()), shared by all of them.
import type { AppEnv } from '../app';
import { HttpError } from '../http/errors';

type Busy = 'switch' | 'deploy';

export function groupLocks(ae: AppEnv): Map<string, Busy> {
  return ae.env.service('slots.locks', () => new Map<string, Busy>());
}

/** Takes the group's lock synchronously (so concurrent callers cannot both pass), runs fn, releases. */
export async function withGroupLock<T>(ae: AppEnv, group: string, kind: Busy, fn: () => Promise<T>): Promise<T> {
  const locks = groupLocks(ae);
  const held = locks.get(group);
  if (held) throw new HttpError(409, `a ${held} of group ${group} is under way`, { busy: held });
  locks.set(group, kind);
  try {
    return await fn();
  } finally {
    locks.delete(group);
  }
}
