// A real registry for update tests and the updates bench: Debian's reference distribution registry
// (`docker-registry`, scripts/ensure-system.sh) on 127.0.0.1, anonymous or with basic auth (htpasswd),
// plus small images built from slipway/busybox:1 and pushed with the docker CLI (playing the operator).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/ports';

const run = promisify(execFile);

export interface LocalRegistry {
  host: string;
  dir: string;
  /** a DOCKER_CONFIG folder logged in to this registry (basic auth), for the docker CLI */
  dockerConfig: string;
  stop(): Promise<void>;
  requests(): string[];
}

export async function startRegistry(auth?: { username: string; password: string }): Promise<LocalRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const authBlock = auth
    ? `auth:\n  htpasswd:\n    realm: slipway-test\n    path: ${dir}/htpasswd\n`
    : '';
  if (auth) {
    const { stdout } = await run('htpasswd', ['-Bbn', auth.username, auth.password]);
    fs.writeFileSync(path.join(dir, 'htpasswd'), stdout);
  }
  fs.writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true\nhttp:\n  addr: ${host}\n${authBlock}`,
  );
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log}`);
    try {
      const r = await fetch(`http://${host}/v2/`);
      if (r.status === 200 || r.status === 401) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const dockerConfig = path.join(dir, 'docker-config');
  fs.mkdirSync(dockerConfig);
  if (auth) {
    fs.writeFileSync(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${auth.username}:${auth.password}`).toString('base64') } } }));
  }
  return {
    host,
    dir,
    dockerConfig,
    requests: () => log.split('\n').filter((l) => /"(GET|HEAD|PUT|POST|PATCH|DELETE) \/v2\//.test(l)),
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds a tiny image FROM slipway/busybox:1: /www/version holds `version`, /www/healthy exists unless `healthy: false`. */
export async function buildImage(tag: string, version: string, opts: { healthy?: boolean; label?: Record<string, string>; padBytes?: number } = {}) {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-img-'));
  const labels = Object.entries({ 'slipway.test': '1', ...opts.label }).map(([k, v]) => `LABEL ${k}="${v}"`).join('\n');
  fs.writeFileSync(
    path.join(ctx, 'Dockerfile'),
    `FROM slipway/busybox:1\n${labels}\nRUN mkdir -p /www && echo ${version} > /www/version${opts.healthy === false ? '' : ' && touch /www/healthy'} && echo ${crypto.randomBytes(8).toString('hex')} > /www/nonce${opts.padBytes ? ` && head -c ${opts.padBytes} /dev/urandom > /www/pad` : ''}\n`,
  );
  try {
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

export async function push(reg: LocalRegistry, tag: string) {
  await run('docker', ['push', tag], { env: { ...process.env, DOCKER_CONFIG: reg.dockerConfig } });
}

export async function removeImages(refs: string[]) {
  for (const r of refs) await run('docker', ['rmi', '-f', r]).catch(() => undefined);
}

export function uid() {
  return crypto.randomBytes(4).toString('hex');
}

export interface Stack {
  project: string;
  dir: string;
  port: number;
  ref: string;
}

/** A compose project (docker-compose v1 CLI) whose `web` service serves /www over busybox httpd on 127.0.0.1. */
export async function composeUp(registry: LocalRegistry, repo: string, labels: Record<string, string> = {}): Promise<Stack> {
  const project = `swupd-${uid()}`;
  const port = await freePort();
  const ref = `${registry.host}/${repo}:stable`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${project}-`));
  fs.writeFileSync(
    path.join(dir, 'docker-compose.yml'),
    [
      'version: "2.4"',
      'services:',
      '  web:',
      `    image: ${ref}`,
      '    network_mode: host',
      `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
      '    stop_signal: SIGKILL',
      '    healthcheck:',
      '      test: ["CMD", "sh", "-c", "test -f /www/healthy"]',
      '      interval: 1s',
      '      timeout: 2s',
      '      retries: 1',
      '    labels:',
      '      slipway.test: "1"',
      ...Object.entries(labels).map(([k, v]) => `      ${k}: "${v}"`),
      '',
    ].join('\n'),
  );
  await run('docker-compose', ['-p', project, 'up', '-d'], { cwd: dir, env: { ...process.env, DOCKER_CONFIG: registry.dockerConfig } });
  return { project, dir, port, ref };
}


export async function composeDown(s: Stack) {
  await run('docker-compose', ['-p', s.project, 'down', '-t', '0'], { cwd: s.dir }).catch(() => undefined);
  fs.rmSync(s.dir, { recursive: true, force: true });
}
