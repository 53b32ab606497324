// One alert engine per environment: its timers, bus subscription and log-pattern followers end with it.
import { defineArea, existing } from '../areas/define-area';
import { alertEngine, type AlertEngine } from './engine';

export const alertsArea = defineArea({
  name: 'alerts',
  start: (env) => alertEngine(env).start(),
  stop: (env) => existing<AlertEngine>(env, 'alerts.engine')?.stop(),
});
