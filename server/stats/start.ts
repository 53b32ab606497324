// Starts the stats and health areas with the process: probes run whether or not anyone is watching.
import type { AppContext } from '../context';
import { healthMonitor } from '../health/health-monitor';
import { statsHub } from './stats-hub';

export function startStatsAndHealth(ctx: AppContext) {
  statsHub(ctx);
  healthMonitor(ctx);
}

export function stopStatsAndHealth(ctx: AppContext) {
  statsHub(ctx).stopAll();
  healthMonitor(ctx).stop();
}
