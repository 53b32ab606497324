// Health notices (server/notifications/health-alerts.ts) listen to one environment's watcher until it goes.
import { defineArea } from '../areas/define-area';
import type { AppEnv } from '../app';
import { startHealthAlerts } from './health-alerts';

const listening = (ae: AppEnv) => ae.env.service('notifications:health-alerts', () => ({ stop: () => {} }));

export const healthNoticesArea = defineArea({
  name: 'health-notices',
  start(ae) {
    listening(ae).stop = startHealthAlerts(ae);
  },
  stop: (ae) => listening(ae).stop(),
});
