// Shell sessions of one environment: orphans of the last run ended once its engine answers; every open
// session ended (its processes killed in the container) when the environment goes or the process stops.
import { defineArea, existing } from '../areas/define-area';
import type { ShellSessions } from './shell-sessions';
import { reapOrphanedShells } from './shell-reaper';

export const shellArea = defineArea({
  name: 'shell',
  start(env) {
    void env.watcher
      .whenReady()
      .then(() => reapOrphanedShells(env))
      .catch((e) => console.error(`[slipway] ending orphaned shell sessions of ${env.env} failed:`, (e as Error).message));
  },
  stop: async (env) => {
    await existing<ShellSessions>(env, 'shell.sessions')?.closeAll('shutdown');
  },
});
