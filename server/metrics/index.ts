// Slipway's metrics: one registry per process (an App service, as route code is bundled
// apart from server/), every family declared up front so a scrape shows it with zeros before first use.
// Areas record through the small helpers at the bottom (one line at the place the event happens).
import type { App, AppEnv } from '../app';
import { Registry } from './registry';

export { Registry, CONTENT_TYPE } from './registry';

export const STREAM_KINDS = ['logs', 'stats', 'shell'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];
export const BACKUP_RESULTS = ['succeeded', 'verified', 'failed', 'interrupted'] as const;
export const SWITCH_RESULTS = ['ok', 'refused', 'failed'] as const;
export const PROBE_RESULTS = ['ok', 'fail'] as const;

/** Everything Slipway exports; the area helpers below use these names. */
export function declareSlipwayMetrics(r: Registry): Registry {
  r.histogram('slipway_http_request_duration_seconds', 'HTTP requests by method, route pattern and status', ['method', 'route', 'status']);
  r.gauge('slipway_socket_connections', 'socket.io connections open now');
  r.counter('slipway_socket_connections_total', 'socket.io connections accepted since start');
  const streams = r.gauge('slipway_active_streams', 'live log, stats and shell streams open now', ['kind']);
  for (const kind of STREAM_KINDS) streams.set({ kind }, 0);
  r.histogram('slipway_docker_api_duration_seconds', 'Docker Engine API calls (time to response headers) by method and path pattern', ['method', 'path']);
  r.counter('slipway_docker_api_errors_total', 'Docker Engine API calls that failed, by method, path pattern and HTTP status (or "network")', ['method', 'path', 'code']);
  r.gauge('slipway_engine_reachable', '1 when the environment\'s Docker engine answers, else 0', ['env']);
  r.gauge('slipway_containers', 'containers known to the watcher, by environment and Docker state', ['env', 'state']);
  const backups = r.counter('slipway_backup_runs_total', 'backup runs finished, by result', ['result']);
  const backupTime = r.histogram('slipway_backup_duration_seconds', 'backup run durations, by result', ['result']);
  for (const result of BACKUP_RESULTS) {
    backups.init({ result });
    backupTime.init({ result });
  }
  const switches = r.counter('slipway_slot_switches_total', 'blue/green slot switches, by result (ok, refused: target not healthy or switch under way, failed)', ['result']);
  const switchTime = r.histogram('slipway_slot_switch_duration_seconds', 'slot switch durations, by result', ['result']);
  for (const result of SWITCH_RESULTS) {
    switches.init({ result });
    switchTime.init({ result });
  }
  const probes = r.counter('slipway_probe_results_total', 'HTTP health probe results (slipway.probe.* labels), by result', ['result']);
  for (const result of PROBE_RESULTS) probes.init({ result });
  r.histogram('slipway_probe_duration_seconds', 'HTTP health probe durations', [], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  r.gauge('process_resident_memory_bytes', 'resident memory of the Slipway process').collect = () => [[{}, process.memoryUsage.rss()]];
  // JS heap and off-heap (Buffers) memory: tells a leak in Slipway's own objects from RSS that V8 or
  // the allocator keeps after a busy minute (the soak test, e2e/soak, reads these).
  r.gauge('nodejs_heap_size_used_bytes', 'V8 heap in use').collect = () => [[{}, process.memoryUsage().heapUsed]];
  r.gauge('nodejs_heap_size_total_bytes', 'V8 heap reserved').collect = () => [[{}, process.memoryUsage().heapTotal]];
  r.gauge('nodejs_external_memory_bytes', 'memory of Buffers and other objects outside the V8 heap').collect = () => [[{}, process.memoryUsage().external]];
  r.gauge('process_start_time_seconds', 'start of the Slipway process, unix seconds').set({}, Math.round(Date.now() / 1000 - process.uptime()));
  return r;
}

/** The process's registry (created, with every family declared, on first use). */
export function metrics({ app }: { app: App }): Registry {
  return app.service('metrics', () => declareSlipwayMetrics(new Registry()));
}

// ---- helpers for the areas (each a one-line call) ---------------------------------------------

/** A stream opened; call the returned function once when it ends (extra calls are ignored). */
export function trackStream(ae: AppEnv, kind: StreamKind): () => void {
  const g = metrics(ae).gauge('slipway_active_streams');
  g.inc({ kind });
  let open = true;
  return () => {
    if (open) g.dec({ kind });
    open = false;
  };
}

/** A backup run ended with `result` after `seconds`. */
export function recordBackupRun(ae: AppEnv, result: (typeof BACKUP_RESULTS)[number], seconds: number) {
  metrics(ae).counter('slipway_backup_runs_total').inc({ result });
  metrics(ae).histogram('slipway_backup_duration_seconds').observe({ result }, seconds);
}

/** A slot switch ended with `result` after `seconds`. */
export function recordSlotSwitch(ae: AppEnv, result: (typeof SWITCH_RESULTS)[number], seconds: number) {
  metrics(ae).counter('slipway_slot_switches_total').inc({ result });
  metrics(ae).histogram('slipway_slot_switch_duration_seconds').observe({ result }, seconds);
}

/** One HTTP probe answered (ok) or not (fail) after `seconds`. */
export function recordProbe(ae: AppEnv, ok: boolean, seconds: number) {
  metrics(ae).counter('slipway_probe_results_total').inc({ result: ok ? 'ok' : 'fail' });
  metrics(ae).histogram('slipway_probe_duration_seconds').observe({}, seconds);
}
