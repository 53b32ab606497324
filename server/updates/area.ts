// Image update checks of one environment (every SLIPWAY_UPDATE_INTERVAL), stopped when it goes.
import { defineArea } from '../areas/define-area';
import { singleton } from '../context';
import { startUpdatesFor } from './start-for-context';

const checks = (env: Parameters<typeof singleton>[0]) => singleton(env, 'updates:checks', () => ({ stop: () => {} }));

export const updatesArea = defineArea({
  name: 'updates',
  start(env) {
    const timers = startUpdatesFor(env);
    checks(env).stop = () => timers.stop();
  },
  stop: (env) => checks(env).stop(),
});
