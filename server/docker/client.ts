// One dockerode client per engine URL (DOCKER_HOST-style): unix://, tcp:// (TLS when the environment has
// client certificates under SLIPWAY_TLS_DIR/NAME/{ca,cert,key}.pem) and ssh://user@host (a key from
// SLIPWAY_TLS_DIR/NAME/id_ed25519 or id_rsa, else the SSH agent). Key material is read from files, never
// from the database.
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The TLS client files of an environment, or null when it has none (plain tcp://). */
export function tlsMaterial(tlsDir: string, name: string) {
  const dir = path.join(tlsDir, name);
  const ca = readIfExists(path.join(dir, 'ca.pem'));
  const cert = readIfExists(path.join(dir, 'cert.pem'));
  const key = readIfExists(path.join(dir, 'key.pem'));
  return ca && cert && key ? { ca, cert, key } : null;
}

/** How to log in to an ssh:// environment: user, host, port and its key (or the SSH agent). One place for
 *  the Docker client and the compose bridge (server/compose/ssh-bridge.ts). */
export function sshLogin(dockerHost: string, opts: { name?: string; tlsDir?: string } = {}) {
  const u = new URL(dockerHost);
  const dir = opts.tlsDir && opts.name ? path.join(opts.tlsDir, opts.name) : null;
  const privateKey = dir ? (readIfExists(path.join(dir, 'id_ed25519')) ?? readIfExists(path.join(dir, 'id_rsa'))) : undefined;
  return {
    host: u.hostname,
    port: Number(u.port || 22),
    username: decodeURIComponent(u.username || 'root'),
    ...(privateKey ? { privateKey } : { agent: process.env.SSH_AUTH_SOCK }),
  };
}

export function dockerFromHost(dockerHost: string, opts: { name?: string; tlsDir?: string } = {}): Docker {
  if (dockerHost.startsWith('unix://')) return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  if (dockerHost.startsWith('ssh://')) {
    const { host, port, username, ...auth } = sshLogin(dockerHost, opts);
    return new Docker({ protocol: 'ssh', host, port, username, sshOptions: auth } as Docker.DockerOptions);
  }
  const u = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  const tls = opts.tlsDir && opts.name ? tlsMaterial(opts.tlsDir, opts.name) : null;
  if (tls) return new Docker({ host: u.hostname, port: Number(u.port), protocol: 'https', ...tls });
  return new Docker({ host: u.hostname, port: Number(u.port), protocol: 'http' });
}
