// Slipway's one process: an HTTP server hosting Next.js (pages and app/api routes) and socket.io,
// sharing one App (store, socket.io, process services) with every environment (server/app.ts).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import next from 'next';
import { ConfigError, loadConfig } from './config';
import { openDb, StoreTooNewError } from './store/db';
import { LoginRateLimiter } from './auth/rate-limit';
import { createApp, publishDefault } from './app';
import { countUsers, ensureEnvAdmin } from './auth/users';
import { pruneSessions } from './auth/sessions';
import { randomToken } from './auth/passwords';
import { createSocketServer, disconnectMatching } from './socket/socket-server';
import { startEnvironmentAreas, startProcessAreas, stopAllAreas, stopEnvironmentAreas } from './areas/lifecycle';
import { ALL_AREAS } from './areas/all-areas';
import { signInRedirect } from './http/page-gate';
import { prepareNext } from './http/prepare-next';
import { registerAreaHandlers } from './socket/register-area-handlers';
// metrics (server/metrics): GET /metrics, HTTP/Docker/socket instrumentation
import { httpTimer, instrumentState } from './metrics/instrument';
import { isMetricsPath, serveMetrics, startMetricsServer } from './metrics/endpoint';
import { EnvironmentRegistry } from './environments/registry';
import { storedEnvironments } from './environments/stored-environments';
import { recoverSwitches } from './slots/recover';
import { parseInterval } from './updates/settings';
import { applySecurityHeaders, refuseHost } from './http/security-headers';
import { hostAllowed, hostPolicy } from './http/allowed-hosts';

async function main() {
  let config;
  try {
    config = loadConfig();
    parseInterval(process.env.SLIPWAY_UPDATE_INTERVAL); // server/updates: a bad value stops the start
  } catch (e) {
    if (e instanceof ConfigError || (e instanceof Error && e.message.startsWith('SLIPWAY_UPDATE_INTERVAL'))) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }

  let db;
  try {
    db = openDb(config.dbPath);
  } catch (e) {
    if (e instanceof StoreTooNewError) {
      console.error(`[slipway] ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  pruneSessions(db);
  const [defaultEnv, ...otherEnvs] = config.environments;
  // The process's one set of shared services; every environment reaches them through this App.
  const app = createApp({
    config, db,
    loginLimiter: new LoginRateLimiter(),
    setupToken: null,
    disconnectSockets: (filter) => disconnectMatching(app.io(), filter),
  });
  // Every environment runs the same areas on its own engine; server/areas/lifecycle.ts starts and stops them.
  const registry = new EnvironmentRegistry(app, defaultEnv, {
    start: (envAe) => startEnvironmentAreas(envAe, ALL_AREAS),
    stop: (envAe) => void stopEnvironmentAreas(envAe, ALL_AREAS),
  });
  const ae = registry.defaultAppEnv;
  publishDefault(ae);

  if (config.SLIPWAY_ADMIN_PASSWORD) {
    const r = await ensureEnvAdmin(db, config.SLIPWAY_ADMIN_PASSWORD);
    console.log(`[slipway] admin user from SLIPWAY_ADMIN_PASSWORD: ${r}`);
  } else if (countUsers(db) === 0) {
    ae.app.setup.token = randomToken(18);
    console.log(`[slipway] no users yet. Create the first admin at /setup with this one-time setup token:\n\n    ${ae.app.setup.token}\n`);
  }

  startProcessAreas(ae, ALL_AREAS); // crash recovery (backups), the audit log's timeline events and their pruning
  startEnvironmentAreas(ae, ALL_AREAS); // the default engine: watcher, stats, health, alerts, schedules, update checks...
  for (const spec of [...otherEnvs, ...storedEnvironments(db)]) if (!registry.has(spec.name)) registry.add(spec);
  // Switches cut short by the last stop: marked interrupted now, their proxies put back (group locked meanwhile)
  void recoverSwitches(ae).catch((e) => console.error('[slipway] slot switch recovery failed:', e));
  const dev = process.env.NODE_ENV !== 'production';
  if (!dev) applyStandaloneConfig(path.resolve(__dirname, '..'));
  const nextApp = next({ dev, dir: path.resolve(__dirname, '..'), hostname: config.HOST, port: config.PORT });
  const handle = nextApp.getRequestHandler();
  await prepareNext(nextApp, dev); // without webpack's require-hook (server/http/prepare-next.ts)

  const timeRequest = httpTimer(ae, path.resolve(__dirname, '..')); // metrics
  const hosts = hostPolicy(config); // security: the Host allow-list (server/http/allowed-hosts.ts)
  const server = http.createServer((req, res) => {
    // Only the socket's own address is trusted for rate limiting, never a client-sent header.
    req.headers['x-slipway-remote'] = req.socket.remoteAddress ?? 'unknown';
    timeRequest(req, res); // metrics: request duration by route pattern
    applySecurityHeaders(req, res, { dev, instance: config.SLIPWAY_INSTANCE_NONCE }); // security headers on every answer
    if (!hostAllowed(hosts, req.headers.host, req.headers['x-forwarded-host'])) return refuseHost(res);
    if (isMetricsPath(req.url)) return serveMetrics(ae, req, res, false); // metrics: needs a token here
    const signIn = signInRedirect(ae.app.db, req); // a signed-out page visit goes to /login before rendering
    if (signIn) {
      res.writeHead(302, { location: signIn, 'cache-control': 'no-store' });
      return void res.end();
    }
    void handle(req, res);
  });
  app.setIo(createSocketServer(ae, server, registerAreaHandlers));
  instrumentState(ae); // metrics: socket, container and engine gauges
  const metricsServer = await startMetricsServer(ae); // metrics: open listener when SLIPWAY_METRICS_PORT is set
  const upgrade = nextApp.getUpgradeHandler();
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io')) return;
    if (!hostAllowed(hosts, req.headers.host, req.headers['x-forwarded-host'])) return void socket.destroy();
    void upgrade(req, socket, head);
  });
  await ae.env.watcher.whenReady();
  server.listen(config.PORT, config.HOST, () => {
    console.log(`[slipway] listening on http://${config.HOST}:${config.PORT} (environments: ${config.environments.map((e) => `${e.name}=${e.url}`).join(', ')}, data: ${config.dataDir})`);
  });

  const shutdown = async () => {
    setTimeout(() => process.exit(0), 4500).unref();
    // Shell processes live in containers: every area stops (shells ended) before the sockets go.
    await stopAllAreas(ae, registry.all(), ALL_AREAS);
    ae.app.io()?.close();
    metricsServer?.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((e) => {
  console.error('[slipway] failed to start:', e);
  process.exit(1);
});

/**
 * A standalone build (the image: only traced files, see scripts/trace-runtime.mjs) carries its resolved Next
 * config; handing it over skips loading next.config.js, whose loader needs files the trace leaves out.
 */
function applyStandaloneConfig(root: string) {
  try {
    const { config } = JSON.parse(fs.readFileSync(path.join(root, '.next', 'required-server-files.json'), 'utf8')) as { config?: { output?: string } };
    if (config?.output === 'standalone') process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
  } catch {
    /* not a standalone build: next.config.js is loaded as usual */
  }
}
