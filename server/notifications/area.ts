// Health notices (server/notifications/health-alerts.ts) listen to one environment's watcher until it goes.
import { defineArea } from '../areas/define-area';
import { singleton } from '../context';
import { startHealthAlerts } from './health-alerts';

const listening = (env: Parameters<typeof singleton>[0]) => singleton(env, 'notifications:health-alerts', () => ({ stop: () => {} }));

export const healthNoticesArea = defineArea({
  name: 'health-notices',
  start(env) {
    listening(env).stop = startHealthAlerts(env);
  },
  stop: (env) => listening(env).stop(),
});
