// A real blue/green stack for tests and the bench, modelled on demo/docker-compose.yml: an nginx proxy
// (slipway/nginx:1 `slipway-proxy`) fronting two slot apps (`slipway-app`, X-Slot header, /health),
// created through dockerode with compose labels, on free 127.0.0.1 ports, host network.
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { docker, removeProject } from './containers';
import { waitFor } from './http';
import { servedSlotHeader } from './proxy-load';

export const NGINX = 'slipway/nginx:1';
/** The proxy runs this checkout's demo scripts and templates (bind-mounted), not the image's copies. */
const DEMO_NGINX = path.resolve(__dirname, '..', '..', 'demo', 'images', 'nginx');
const demoMounts = ['slipway-proxy:/usr/local/bin/slipway-proxy', 'proxy.conf.template:/etc/slipway-demo/proxy.conf.template', 'proxy-live.conf.template:/etc/slipway-demo/proxy-live.conf.template']
  .map((m) => { const [src, dst] = m.split(':'); return { Type: 'bind' as const, Source: path.join(DEMO_NGINX, src), Target: dst, ReadOnly: true }; });

export interface SlotStack {
  project: string;
  group: string;
  ports: { proxy: number; blue: number; green: number };
  proxyUrl: string;
  names: { proxy: string; blue: string; green: string };
  remove: () => Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = 20000 + crypto.randomInt(10000);
    if (!out.includes(p) && (await portFree(p))) out.push(p);
  }
  return out;
}

const healthcheck = (url: string) => ({ Test: ['CMD', 'busybox', 'wget', '-q', '-O-', '-U', 'docker-healthcheck', url], Interval: 1e9, Timeout: 2e9, Retries: 2, StartPeriod: 0 });

export interface SlotStackOptions {
  /** override a slot's slipway.slot.upstream label (e.g. an address nginx rejects) */
  upstream?: { blue?: string; green?: string };
  image?: string;
  /** mount a named volume at /etc/nginx/slipway in the proxy, as the demo does (default: the image's own directory) */
  proxyVolume?: boolean;
  /** slipway.proxy.switch and the proxy's config: live switching as the demo does (default reload) */
  switchMode?: 'reload' | 'live';
  /** the nginx config the proxy renders, when it should differ from switchMode (e.g. a live label on a reload config) */
  proxyTemplate?: 'reload' | 'live';
}

export async function createSlotStack(opts: SlotStackOptions = {}): Promise<SlotStack> {
  const id = crypto.randomBytes(4).toString('hex');
  const project = `swslots-${id}`;
  const group = `g${id}`;
  const [proxy, blue, green] = await freePorts(3);
  const ports = { proxy, blue, green };
  const compose = (service: string) => ({ 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' });
  const names = { proxy: `${project}_proxy_1`, blue: `${project}_app-blue_1`, green: `${project}_app-green_1` };

  const app = (slot: 'blue' | 'green', port: number) =>
    docker.createContainer({
      name: names[slot],
      Image: opts.image ?? NGINX,
      Cmd: ['slipway-app'],
      Env: [`SLOT=${slot}`, `PORT=${port}`],
      Labels: {
        ...compose(`app-${slot}`),
        'slipway.slot.group': group,
        'slipway.slot': slot,
        'slipway.slot.upstream': opts.upstream?.[slot] ?? `127.0.0.1:${port}`,
        'slipway.probe.health': `http://127.0.0.1:${port}/health`,
        'slipway.probe.ready': `http://127.0.0.1:${port}/ready`,
      },
      Healthcheck: healthcheck(`http://127.0.0.1:${port}/health`),
      StopSignal: 'SIGQUIT',
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' } },
    });
  const volume = `${project}_proxy-slipway`;
  const remove = async () => {
    await removeProject(project);
    if (opts.proxyVolume) await docker.getVolume(volume).remove().catch(() => undefined);
  };
  try {
    const [b, g] = await Promise.all([app('blue', blue), app('green', green)]);
    if (opts.proxyVolume) await docker.createVolume({ Name: volume, Labels: { 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.volume': 'proxy-slipway' } });
    const p = await docker.createContainer({
      name: names.proxy,
      Image: NGINX,
      Cmd: ['slipway-proxy'],
      Env: [`GROUP=${group}`, `PORT=${proxy}`, `UPSTREAM=127.0.0.1:${blue}`, `SWITCH=${opts.proxyTemplate ?? opts.switchMode ?? 'reload'}`,
        `UPSTREAM_BLUE=127.0.0.1:${blue}`, `UPSTREAM_GREEN=127.0.0.1:${green}`],
      Labels: {
        ...compose('proxy'),
        'slipway.proxy.group': group,
        'slipway.proxy.config': `/etc/nginx/slipway/${group}.conf`,
        'slipway.proxy.url': `http://127.0.0.1:${proxy}/health`,
        'slipway.proxy.header': 'X-Slot',
        ...(opts.switchMode ? { 'slipway.proxy.switch': opts.switchMode } : {}),
      },
      Healthcheck: healthcheck(`http://127.0.0.1:${proxy}/_proxy/health`),
      StopSignal: 'SIGQUIT',
      HostConfig: {
        NetworkMode: 'host',
        RestartPolicy: { Name: 'unless-stopped' },
        Mounts: [...demoMounts, ...(opts.proxyVolume ? [{ Type: 'volume' as const, Source: volume, Target: '/etc/nginx/slipway' }] : [])],
      },
    });
    await Promise.all([b.start(), g.start()]);
    await p.start();
    await waitFor(async () => {
      const states = await Promise.all([b, g, p].map((c) => c.inspect()));
      return states.every((s) => s.State.Health?.Status === 'healthy');
    }, 'slot stack healthy', 30_000, 200);
    return { project, group, ports, proxyUrl: `http://127.0.0.1:${proxy}/health`, names, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** The slot named by the proxy's answer (fresh connection each time). */
export async function servedSlot(stack: SlotStack): Promise<string | null> {
  return servedSlotHeader(stack.proxyUrl, 'x-slot');
}
