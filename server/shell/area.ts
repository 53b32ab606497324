// Shell sessions of one environment: orphans of the last run ended once its engine answers; every open
// session ended (its processes killed in the container) when the environment goes or the process stops.
import { defineArea } from '../areas/define-area';
import type { ShellSessions } from './shell-sessions';
import { reapOrphanedShells } from './shell-reaper';

export const shellArea = defineArea({
  name: 'shell',
  start(ae) {
    void ae.env.watcher
      .whenReady()
      .then(() => reapOrphanedShells(ae))
      .catch((e) => console.error(`[slipway] ending orphaned shell sessions of ${ae.env.name} failed:`, (e as Error).message));
  },
  stop: async (ae) => {
    await ae.env.existing<ShellSessions>('shell.sessions')?.closeAll('shutdown');
  },
});
