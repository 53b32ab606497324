// A second, real Docker engine started by a test: its own dockerd on its own unix socket, data root and
// exec root (no bridge network, no iptables), optionally also on 127.0.0.1 TCP with TLS client
// certificates the test makes with openssl. No --live-restore, so it can be a swarm manager.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { docker as mainDocker } from './containers';
import { freePort } from './ports';

export interface SecondEngine {
  /** unix:///tmp/swe-xxxx/d.sock */
  url: string;
  /** tcp://127.0.0.1:PORT (TLS) when started with tls */
  tcpUrl: string | null;
  /** folder holding ca.pem, cert.pem, key.pem (client) when started with tls */
  tlsDir: string | null;
  dir: string;
  docker: Docker;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export interface SecondEngineOptions {
  tls?: boolean;
  /** images of the main engine copied into this one (docker save | docker load through the API) */
  images?: string[];
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all made here. */
function makeCertificates(dir: string) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=slipway-test-ca', '-keyout', 'ca-key.pem', '-out', 'ca.pem');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [who, ext] of [['server', 'server.ext'], ['client', 'client.ext']] as const) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${who}`, '-keyout', `${who}-key.pem`, '-out', `${who}.csr`);
    ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', `${who}-cert.pem`);
  }
  // the client side in the layout SLIPWAY_TLS_DIR/NAME/{ca,cert,key}.pem expects
  const client = path.join(dir, 'client');
  fs.mkdirSync(client);
  fs.copyFileSync(path.join(dir, 'ca.pem'), path.join(client, 'ca.pem'));
  fs.copyFileSync(path.join(dir, 'client-cert.pem'), path.join(client, 'cert.pem'));
  fs.copyFileSync(path.join(dir, 'client-key.pem'), path.join(client, 'key.pem'));
  return client;
}

async function waitForEngine(d: Docker, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await d.ping();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`second engine did not answer: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startSecondEngine(opts: SecondEngineOptions = {}): Promise<SecondEngine> {
  // short paths: containerd's socket lives under the exec root and unix socket paths are limited to 108 bytes
  const dir = `/tmp/swe-${crypto.randomBytes(3).toString('hex')}`;
  fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, 'd.sock');
  const tlsDir = opts.tls ? makeCertificates(dir) : null;
  const tcpPort = opts.tls ? await freePort() : null;
  const bridge = path.basename(dir); // swe-xxxxxx: 10 characters, within the 15 of an interface name
  execFileSync('ip', ['link', 'add', bridge, 'type', 'bridge']);
  // dockerd takes the bridge's own address as its subnet (-b and --bip exclude each other)
  execFileSync('ip', ['addr', 'add', `198.18.${parseInt(dir.slice(-2), 16)}.1/24`, 'dev', bridge]);
  const args = [
    '--host', `unix://${socketPath}`,
    '--data-root', path.join(dir, 'data'),
    '--exec-root', path.join(dir, 'x'),
    '--pidfile', path.join(dir, 'd.pid'),
    // A bridge of its own: with `--bridge none` dockerd deletes the host's docker0, which the shared
    // engine's `docker build` steps need. 198.18.0.0/15 is the range reserved for such tests; no traffic
    // goes there (every container here uses the host network).
    '--bridge', bridge, '--iptables=false', '--ip-masq=false',
    '--cgroup-parent', path.basename(dir),
  ];
  if (tcpPort) args.push('--host', `tcp://127.0.0.1:${tcpPort}`, '--tlsverify', '--tlscacert', path.join(dir, 'ca.pem'), '--tlscert', path.join(dir, 'server-cert.pem'), '--tlskey', path.join(dir, 'server-key.pem'));
  const docker = new Docker({ socketPath });
  let child: ChildProcess | null = null;

  const start = async () => {
    const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
    child = spawn('dockerd', args, { stdio: ['ignore', log, log], detached: false });
    fs.closeSync(log);
    await waitForEngine(docker, 30_000);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (c.exitCode === null) c.kill('SIGKILL');
  };

  try {
    await start();
  } catch (e) {
    await stop();
    spawnSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
    spawnSync('rm', ['-rf', dir], { stdio: 'ignore' });
    throw e;
  }
  for (const image of opts.images ?? []) {
    const tar = await mainDocker.getImage(image).get();
    const res = await docker.loadImage(tar);
    await new Promise((resolve, reject) => docker.modem.followProgress(res, (err) => (err ? reject(err) : resolve(null))));
  }
  return {
    url: `unix://${socketPath}`,
    tcpUrl: tcpPort ? `tcp://127.0.0.1:${tcpPort}` : null,
    tlsDir,
    dir,
    docker,
    start,
    stop,
    dispose: async () => {
      try {
        const left = await docker.listContainers({ all: true });
        await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
        const info = await docker.info();
        if (info.Swarm?.LocalNodeState && info.Swarm.LocalNodeState !== 'inactive') await docker.swarmLeave({ force: true }).catch(() => undefined);
      } catch {
        // engine already stopped
      }
      await stop();
      // whatever dockerd left mounted under its roots (netns, shm, layers) goes first, deepest first
      const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m?.startsWith(dir + '/'));
      for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
      spawnSync('rm', ['-rf', dir], { stdio: 'ignore' });
      spawnSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
    },
  };
}
