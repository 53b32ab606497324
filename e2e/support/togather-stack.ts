// A stack laid out as the Togather blue/green guide (shared/stacks/togather-postgres-blue-green.md)
// describes it, made by the compose CLI from a real compose file in a folder of its own:
//   - one nginx.conf, bind-mounted into the proxy as a SINGLE FILE, holding
//     `upstream togather_backend { server …; }` in the main config (no Slipway-owned include);
//   - the slots answer with the custom header X-Togather-Slot and have direct health ports;
//   - services togather-blue / togather-green with containers togather-server-blue / -green, built from
//     a Dockerfile (so `up -d --no-deps --build togather-green` is the owner's deploy).
// Host networking, so 127.0.0.1 addresses stand where the guide has container names.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, removeProject } from './containers';
import { waitFor } from './http';
import { servedSlotHeader, startProxyLoad } from './proxy-load';
import { freePorts } from './slot-stack';
export type { LoadCount } from './proxy-load';

export interface TogatherStack {
  project: string;
  group: string;
  dir: string;
  /** the host file bind-mounted as /etc/nginx/nginx.conf in the proxy */
  nginxConf: string;
  ports: { proxy: number; blue: number; green: number };
  proxyUrl: string;
  names: { proxy: string; blue: string; green: string };
  compose: (...args: string[]) => Promise<string>;
  remove: () => Promise<void>;
}

export const UPSTREAM_BLOCK = 'togather_backend';
export const SLOT_HEADER = 'X-Togather-Slot';

const proxyConf = (proxy: number, blue: number) => `# Togather proxy: blue/green by editing the server line of togather_backend (see the guide).
# Hand-edited by the owner; everything but that server line must survive a switch byte for byte.
user www-data;
worker_processes 1;
pid /run/nginx.pid;
error_log stderr notice;

events { worker_connections 1024; }

http {
    access_log off;

    upstream togather_backend {
        # Change this line to switch slots:
        server 127.0.0.1:${blue} max_fails=3 fail_timeout=10s;   # togather-server-blue:8080 in the guide
        keepalive 16;
    }

    server {
        listen 127.0.0.1:${proxy};
        location = /_proxy/health { access_log off; return 200 "ok\\n"; }
        location / {
            proxy_pass http://togather_backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 3;
        }
    }
}
`;

const appConf = (slot: string, port: number) => `user www-data;
worker_processes 1;
pid /run/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:${port};
        add_header X-Togather-Slot "${slot}" always;
        location = /health { default_type application/json; return 200 '{"status":"ok","slot":"${slot}"}'; }
        location / { default_type text/plain; return 200 "togather ${slot}\\n"; }
    }
}
`;

const composeFile = (id: string, group: string, p: { proxy: number; blue: number; green: number }) => {
  const slot = (s: 'blue' | 'green', port: number) => `
  togather-${s}:
    build: { context: ., dockerfile: Dockerfile }
    image: slipway-test/togather-server:${id}
    container_name: togather-server-${s}-${id}
    command: ["nginx", "-g", "daemon off;"]
    network_mode: host
    environment: [SLOT=${s}]
    volumes: ["./app-${s}.conf:/etc/nginx/nginx.conf:ro"]
    # the guide reaches slots by container name; here that name resolves inside the container only
    extra_hosts: ["togather-server-${s}-${id}:127.0.0.1"]
    healthcheck: { test: ["CMD", "busybox", "wget", "-q", "-O-", "http://127.0.0.1:${port}/health"], interval: 1s, timeout: 2s, retries: 2 }
    labels:
      slipway.test: "1"
      slipway.slot.group: ${group}
      slipway.slot: ${s}
      slipway.slot.upstream: "127.0.0.1:${port}"
      slipway.probe.health: "http://127.0.0.1:${port}/health"
      slipway.probe.byname: "http://togather-server-${s}-${id}:${port}/health"
`;
  return `version: "3.7"
services:${slot('blue', p.blue)}${slot('green', p.green)}
  nginx:
    image: slipway/nginx:1
    container_name: togather-proxy-${id}
    command: ["nginx", "-g", "daemon off;"]
    network_mode: host
    depends_on: [togather-blue, togather-green]
    volumes: ["./nginx.conf:/etc/nginx/nginx.conf"]
    healthcheck: { test: ["CMD", "busybox", "wget", "-q", "-O-", "http://127.0.0.1:${p.proxy}/_proxy/health"], interval: 1s, timeout: 2s, retries: 2 }
    labels:
      slipway.test: "1"
      slipway.proxy.group: ${group}
      slipway.proxy.config: /etc/nginx/nginx.conf
      slipway.proxy.upstream: ${UPSTREAM_BLOCK}
      slipway.proxy.url: "http://127.0.0.1:${p.proxy}/health"
      slipway.proxy.header: ${SLOT_HEADER}
`;
};

function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, timeout: 180_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout + stderr))),
  );
}

export async function createTogatherStack(): Promise<TogatherStack> {
  const id = crypto.randomBytes(4).toString('hex');
  const project = `swtogather${id}`;
  const group = `togather-${id}`;
  const [proxy, blue, green] = await freePorts(3);
  const ports = { proxy, blue, green };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-togather-'));
  fs.chmodSync(dir, 0o755);
  const write = (f: string, text: string) => fs.writeFileSync(path.join(dir, f), text, { mode: 0o644 });
  write('nginx.conf', proxyConf(proxy, blue));
  write('app-blue.conf', appConf('blue', blue));
  write('app-green.conf', appConf('green', green));
  write('Dockerfile', `FROM slipway/nginx:1\nLABEL togather.build="${id}"\n`);
  write('docker-compose.yml', composeFile(id, group, ports));
  const compose = (...args: string[]) => run('docker-compose', ['-p', project, '-f', 'docker-compose.yml', ...args], dir);
  const remove = async () => {
    await compose('down', '--remove-orphans', '--timeout', '1').catch(() => undefined);
    await removeProject(project);
    await docker.getImage(`slipway-test/togather-server:${id}`).remove({ force: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const names = { proxy: `togather-proxy-${id}`, blue: `togather-server-blue-${id}`, green: `togather-server-green-${id}` };
  try {
    await compose('up', '-d', '--build');
    await waitFor(async () => {
      const s = await Promise.all(Object.values(names).map((n) => docker.getContainer(n).inspect()));
      return s.every((x) => x.State.Health?.Status === 'healthy');
    }, 'togather stack healthy', 60_000, 200);
    return { project, group, dir, nginxConf: path.join(dir, 'nginx.conf'), ports, proxyUrl: `http://127.0.0.1:${proxy}/health`, names, compose, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** The slot the proxy's answer names in X-Togather-Slot (fresh connection). */
export async function servedTogatherSlot(s: TogatherStack): Promise<string | null> {
  return servedSlotHeader(s.proxyUrl, SLOT_HEADER);
}

/** Keep-alive load through the Togather proxy, counted by its slot header. */
export const startLoad = (url: string, conns = 4) => startProxyLoad(url, { conns, header: SLOT_HEADER });
