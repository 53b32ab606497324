// One alert engine per environment: its timers, bus subscription and log-pattern followers end with it.
import { defineArea } from '../areas/define-area';
import { alertEngine, type AlertEngine } from './engine';

export const alertsArea = defineArea({
  name: 'alerts',
  start: (ae) => alertEngine(ae).start(),
  stop: (ae) => ae.env.existing<AlertEngine>('alerts.engine')?.stop(),
});
