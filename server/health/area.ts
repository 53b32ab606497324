// Probes run whether or not anyone is watching: the monitor starts with its environment and stops with it.
import { defineArea, existing } from '../areas/define-area';
import { healthMonitor, type HealthMonitor } from './health-monitor';

export const healthArea = defineArea({
  name: 'health',
  start: (env) => void healthMonitor(env),
  stop: (env) => existing<HealthMonitor>(env, 'health.monitor')?.stop(),
});
