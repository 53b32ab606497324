// Compose against an ssh:// environment. docker-compose v1 cannot log in with the environment's key (it
// reads none of SLIPWAY_TLS_DIR), so for the length of one compose run Slipway opens a private unix socket
// (in a fresh 0700 folder) and pipes each connection made to it to the far side's engine over SSH with the
// Docker client's own login (server/docker/client.ts). Compose simply gets DOCKER_HOST=unix://<that socket>.
// Each connection is an OpenSSH stream-local forward to the engine's socket (no process on the far side:
// a login shell per connection cost 3-4 s there, and compose v1 opens a dozen per command); where the
// server refuses forwarding, `docker system dial-stdio` run over SSH, as `DOCKER_HOST=ssh://` does.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, type ClientChannel } from 'ssh2';
import { sshLogin } from '../docker/client';

/** OpenSSH's MaxSessions defaults to 10 channels per connection: beyond 8 a further connection is opened. */
const CHANNELS_PER_CONNECTION = 8;
const DIAL = 'docker system dial-stdio';
/** the engine's socket on the far side, where `docker system dial-stdio` would connect too */
const REMOTE_SOCKET = '/var/run/docker.sock';
/** dial-stdio processes started ahead of the next connection */
const SPARE_CHANNELS = 3;

export interface SshBridgeTarget {
  url: string;
  name: string;
  tlsDir?: string;
}

export interface SshBridge {
  /** the DOCKER_HOST to give the compose CLI */
  dockerHost: string;
  socketPath: string;
  /** the first SSH failure in plain words (compose itself only sees a closed socket), or null */
  failure(): string | null;
  /** ends every piped connection and SSH connection and removes the socket's folder; safe to call twice */
  close(): Promise<void>;
}

interface Dialed {
  channel: ClientChannel;
  /** ended before anyone used it */
  closed: boolean;
}

interface Link {
  client: Client;
  ready: Promise<void>;
  channels: number;
}

export async function openSshBridge(target: SshBridgeTarget): Promise<SshBridge> {
  const login = sshLogin(target.url, { name: target.name, tlsDir: target.tlsDir });
  const where = `${login.username}@${login.host}:${login.port}`;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-ssh-'));
  await fs.promises.chmod(dir, 0o700);
  const socketPath = path.join(dir, 'docker.sock');
  const links = new Set<Link>();
  const sockets = new Set<net.Socket>();
  let failure: string | null = null;
  let closed = false;
  const fail = (message: string) => (failure ??= message);

  const linkWithRoom = (): Link => {
    for (const l of links) if (l.channels < CHANNELS_PER_CONNECTION) return l;
    const client = new Client();
    const ready = new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
    });
    const link: Link = { client, ready, channels: 0 };
    client.on('error', (e) => {
      fail(`ssh to ${where}: ${e.message}`);
      links.delete(link);
    });
    client.on('close', () => links.delete(link));
    client.connect({ ...login, readyTimeout: 15_000, keepaliveInterval: 15_000 });
    links.add(link);
    return link;
  };

  // forward first; after one refusal (AllowStreamLocalForwarding no, another socket path) dial-stdio only
  let forwarding = true;
  const openChannel = async (client: Client): Promise<ClientChannel> => {
    if (forwarding) {
      try {
        return await new Promise<ClientChannel>((resolve, reject) => client.openssh_forwardOutStreamLocal(REMOTE_SOCKET, (err, ch) => (err ? reject(err) : resolve(ch))));
      } catch {
        forwarding = false;
      }
    }
    return new Promise<ClientChannel>((resolve, reject) => client.exec(DIAL, (err, ch) => (err ? reject(err) : resolve(ch))));
  };

  /** One channel to the far side's engine, or null when SSH refused it (the reason is kept). */
  const dial = async (): Promise<Dialed | null> => {
    const link = linkWithRoom();
    link.channels++;
    let channel: ClientChannel;
    try {
      await link.ready;
      channel = await openChannel(link.client);
    } catch (e) {
      link.channels--;
      fail(`ssh to ${where}: ${(e as Error).message}`);
      return null;
    }
    const dialed: Dialed = { channel, closed: false };
    let stderr = '';
    channel.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 500) stderr += d.toString('utf8');
    });
    channel.on('exit', (code: number | null) => {
      if (code) fail(`ssh to ${where}: \`${DIAL}\` exited with ${code}${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ''}`);
    });
    channel.on('close', () => {
      dialed.closed = true;
      link.channels--;
    });
    return dialed;
  };

  // Dialled ahead: the far side's process start (a second or more per SSH session on a busy host) overlaps
  // the request before instead of delaying the next one; compose v1 opens a dozen connections per command.
  // Spares start only once a first connection came, so a command that never reaches the engine (`config`)
  // costs no SSH login.
  const spares: Promise<Dialed | null>[] = [];
  const take = async (): Promise<Dialed | null> => {
    const spare = spares.shift();
    while (!closed && spares.length < SPARE_CHANNELS) spares.push(dial());
    const dialed = spare ? await spare : null;
    return dialed && !dialed.closed ? dialed : dial();
  };

  const pipeToEngine = async (sock: net.Socket) => {
    // the socket stays paused (nothing reads it) until the channel exists, so no byte is lost meanwhile
    const dialed = await take();
    if (!dialed) return void sock.destroy();
    const { channel } = dialed;
    channel.on('error', () => sock.destroy());
    channel.on('close', () => {
      if (!sock.destroyed) sock.end();
    });
    sock.on('close', () => channel.close());
    if (sock.destroyed || closed) return void channel.close();
    sock.pipe(channel);
    channel.pipe(sock);
  };

  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    void pipeToEngine(sock);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } catch (e) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    dockerHost: `unix://${socketPath}`,
    socketPath,
    failure: () => failure,
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.destroy();
      for (const spare of spares.splice(0)) void spare.then((d) => d?.channel.close());
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const l of links) l.client.end();
      links.clear();
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
