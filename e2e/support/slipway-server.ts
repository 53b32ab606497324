// Starts the production build (dist/server.js) on its own port and data dir, for tests and benches.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ADMIN_PASSWORD = 'test-admin-pass-1';
const ROOT = path.resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  logs: () => string;
  stop: () => Promise<void>;
}

/** Resolves when nothing listens on 127.0.0.1:port (a stale server there would answer our requests). */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (e) => reject(new Error(`port ${port} is taken (${(e as NodeJS.ErrnoException).code}): a test server needs a port of its own; stop the stale server or pick another port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export async function startServer(opts: { port: number; env?: Record<string, string>; dataDir?: string; /** V8 inspector on 127.0.0.1 (the soak's live-heap reading) */ inspectPort?: number }): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js missing: run `npm run build` first');
  await assertPortFree(opts.port);
  if (opts.inspectPort) await assertPortFree(opts.inspectPort);
  // Every answer of this server carries the nonce (X-Slipway-Instance): only it counts as started.
  const nonce = crypto.randomBytes(12).toString('hex');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-test-'));
  let output = '';
  // The same V8 flag and malloc setting as `npm start` (package.json), so tests and benches measure what
  // production runs. MALLOC_ARENA_MAX=2: the backup worker and zlib threads would each keep a glibc arena.
  const inspect = opts.inspectPort ? [`--inspect=127.0.0.1:${opts.inspectPort}`] : [];
  const child = spawn(process.execPath, ['--max-semi-space-size=4', ...inspect, 'dist/server.js'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', PORT: String(opts.port), HOST: '127.0.0.1', SLIPWAY_DATA_DIR: dataDir, SLIPWAY_ADMIN_PASSWORD: ADMIN_PASSWORD, SLIPWAY_NOTIFY_RETRY_MS: '100', SLIPWAY_INSTANCE_NONCE: nonce, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      const instance = r.headers.get('x-slipway-instance');
      if (instance !== nonce) throw new Error(`the server answering on port ${opts.port} is not the one this test started (instance ${instance ?? 'none'})`);
      if (r.ok || r.status === 503) break;
    } catch (e) {
      if ((e as Error).message.startsWith('the server answering')) {
        child.kill('SIGKILL');
        throw e;
      }
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, port: opts.port, dataDir, child,
    logs: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(); // already gone (also when killed)
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
