// Slipway's one process: an HTTP server hosting Next.js (pages and app/api routes) and socket.io,
// sharing one store, one Docker client and one container watcher through server/context.ts.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { ConfigError, loadConfig } from './config';
import { openDb } from './store/db';
import { dockerFromHost } from './docker/client';
import { ContainerWatcher } from './docker/container-watcher';
import { LoginRateLimiter } from './auth/rate-limit';
import { setContext, type AppContext } from './context';
import { countUsers, ensureEnvAdmin } from './auth/users';
import { pruneSessions } from './auth/sessions';
import { randomToken } from './auth/passwords';
import { createSocketServer, disconnectMatching } from './socket/socket-server';
import { startBackups } from './backups/start';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }

  const db = openDb(config.dbPath);
  pruneSessions(db);
  const docker = dockerFromHost(config.DOCKER_HOST);
  const watcher = new ContainerWatcher(docker);
  const ctx: AppContext = {
    config, db, docker, watcher,
    loginLimiter: new LoginRateLimiter(),
    io: null,
    setupToken: null,
    disconnectSockets: (filter) => disconnectMatching(ctx.io, filter),
    singletons: new Map(),
  };
  setContext(ctx);

  if (config.SLIPWAY_ADMIN_PASSWORD) {
    const r = await ensureEnvAdmin(db, config.SLIPWAY_ADMIN_PASSWORD);
    console.log(`[slipway] admin user from SLIPWAY_ADMIN_PASSWORD: ${r}`);
  } else if (countUsers(db) === 0) {
    ctx.setupToken = randomToken(18);
    console.log(`[slipway] no users yet. Create the first admin at /setup with this one-time setup token:\n\n    ${ctx.setupToken}\n`);
  }

  watcher.start();
  startBackups(ctx); // crash recovery of interrupted backups, then the backup scheduler
  const dev = process.env.NODE_ENV !== 'production';
  const app = next({ dev, dir: path.resolve(__dirname, '..'), hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    // Only the socket's own address is trusted for rate limiting, never a client-sent header.
    req.headers['x-slipway-remote'] = req.socket.remoteAddress ?? 'unknown';
    void handle(req, res);
  });
  ctx.io = createSocketServer(ctx, server);
  const upgrade = app.getUpgradeHandler();
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
  });
  await watcher.whenReady();
  server.listen(config.PORT, config.HOST, () => {
    console.log(`[slipway] listening on http://${config.HOST}:${config.PORT} (docker: ${config.DOCKER_HOST}, data: ${config.dataDir})`);
  });

  const shutdown = () => {
    watcher.stop();
    ctx.io?.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e) => {
  console.error('[slipway] failed to start:', e);
  process.exit(1);
});
