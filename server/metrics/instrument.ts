// Wires the metrics that exist in the core: HTTP request durations (measured around Next's handler in
// server/index.ts), socket.io connections, Docker API calls (each environment's dockerode client's modem), the
// container watcher's model and the engine's reachability. Gauges of current state are read at scrape time.
import type http from 'node:http';
import type { AppEnv } from '../app';
import { metrics } from './index';
import type { Labels } from './registry';
import { environments } from '../environments/registry';
import { dockerPathLabel, loadRoutePatterns, routeLabel } from './route-patterns';

type DialCallback = (err: (Error & { statusCode?: number }) | null, data?: unknown) => void;
interface Modem {
  dial(options: { path?: string; method?: string }, callback?: DialCallback): unknown;
}

/** Times every call of the Docker client (streams: until their response headers) and counts failures. */
export function instrumentDocker(ae: AppEnv) {
  const modem = ae.env.docker.modem as Modem & { __slipwayMetrics?: boolean };
  if (modem.__slipwayMetrics) return;
  modem.__slipwayMetrics = true;
  const durations = metrics(ae).histogram('slipway_docker_api_duration_seconds');
  const errors = metrics(ae).counter('slipway_docker_api_errors_total');
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const labels = { method: options.method ?? 'GET', path: dockerPathLabel(options.path ?? '/') };
    const done = durations.startTimer(labels);
    return dial(options, (err, data) => {
      done();
      // 304 "not modified" (start of a running container...) is an answer, not a failure
      if (err && err.statusCode !== 304) errors.inc({ ...labels, code: err.statusCode ? String(err.statusCode) : 'network' });
      callback?.(err, data);
    });
  };
}

/** Gauges read from the live model at scrape time; a counter of accepted socket connections. */
export function instrumentState(ae: AppEnv) {
  const m = metrics(ae);
  // every environment's engine, read from its watcher at scrape time
  const envs = () => environments(ae).all();
  m.gauge('slipway_engine_reachable').collect = () => envs().map((e) => [{ env: e.env.name }, e.env.watcher.engine.reachable ? 1 : 0]);
  const containers = m.gauge('slipway_containers');
  containers.collect = () =>
    envs().flatMap((e) => {
      const byState = new Map<string, number>(['running', 'exited', 'created', 'restarting', 'paused', 'dead'].map((s) => [s, 0]));
      for (const c of e.env.watcher.list()) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
      return [...byState].map(([state, n]) => [{ env: e.env.name, state }, n] as [Labels, number]);
    });
  m.gauge('slipway_socket_connections').collect = () => [[{}, ae.app.io()?.of('/').sockets.size ?? 0]];
  const accepted = m.counter('slipway_socket_connections_total');
  ae.app.io()?.on('connection', () => accepted.inc());
}

// a client-sent method must not create series of its own
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Returns the per-request hook for server/index.ts: observes the duration when the response ends. */
export function httpTimer(ae: AppEnv, appDir: string) {
  const patterns = loadRoutePatterns(appDir);
  const hist = metrics(ae).histogram('slipway_http_request_duration_seconds');
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const done = hist.startTimer();
    res.once('close', () => done({ method: METHODS.has(req.method ?? '') ? req.method! : 'other', route: routeLabel(req.url ?? '/', patterns), status: String(res.statusCode) }));
  };
}
