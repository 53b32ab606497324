// Probes run whether or not anyone is watching: the monitor starts with its environment and stops with it.
import { defineArea } from '../areas/define-area';
import { healthMonitor, type HealthMonitor } from './health-monitor';

export const healthArea = defineArea({
  name: 'health',
  start: (ae) => void healthMonitor(ae),
  stop: (ae) => ae.env.existing<HealthMonitor>('health.monitor')?.stop(),
});
