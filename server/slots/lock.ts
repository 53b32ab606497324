// One switch or deploy per group at a time, for every code path in the process (HTTP routes, socket
// handlers, deploy-then-switch): the lock map is the process's single instance (see singleton()).
import { singleton, type AppContext } from '../context';
import { HttpError } from '../http/errors';

type Busy = 'switch' | 'deploy';

export function groupLocks(ctx: AppContext): Map<string, Busy> {
  return singleton(ctx, 'slots.locks', () => new Map<string, Busy>());
}

/** Takes the group's lock synchronously (so concurrent callers cannot both pass), runs fn, releases. */
export async function withGroupLock<T>(ctx: AppContext, group: string, kind: Busy, fn: () => Promise<T>): Promise<T> {
  const locks = groupLocks(ctx);
  const held = locks.get(group);
  if (held) throw new HttpError(409, `a ${held} of group ${group} is under way`, { busy: held });
  locks.set(group, kind);
  try {
    return await fn();
  } finally {
    locks.delete(group);
  }
}
