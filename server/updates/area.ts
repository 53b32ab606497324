// Image update checks of one environment (every SLIPWAY_UPDATE_INTERVAL), stopped when it goes.
import { defineArea } from '../areas/define-area';
import type { AppEnv } from '../app';
import { startUpdatesFor } from './start-for-environment';

const checks = (ae: AppEnv) => ae.env.service('updates:checks', () => ({ stop: () => {} }));

export const updatesArea = defineArea({
  name: 'updates',
  start(ae) {
    const timers = startUpdatesFor(ae);
    checks(ae).stop = () => timers.stop();
  },
  stop: (ae) => checks(ae).stop(),
});
