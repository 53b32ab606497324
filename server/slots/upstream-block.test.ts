// Adopting the owner's nginx config: only the server addresses of the named upstream block change;
// every other byte (comments, keepalive, weights, max_fails, backup, other blocks) stays identical.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../contract';
import { activeServer, blockServers, rewriteBlockServers } from './upstream-block';
import { activeAddress, nextContent } from './proxy-file';
import { groupMembers, proxySettings, slotOfUpstream } from './members';

// The Togather guide's nginx.conf, with the things an owner adds around the block.
const CONF = `# togather proxy — edited by hand, keep this comment
worker_processes auto;
events { worker_connections 1024; }
http {
    upstream other_backend { server togather-server-blue:8080; }   # not ours: never touched
    upstream togather_backend {
        # Change this line to switch:  server togather-server-green:8080;
        server togather-server-blue:8080 weight=5 max_fails=3 fail_timeout=10s;
        server togather-server-green:8080   backup;
        server 10.9.9.9:8080 down;
        keepalive 32;
    }
    server {
        listen 80;
        location / { proxy_pass http://togather_backend; add_header X-Proxy "a;b{c}"; }
    }
}
`;

const summary = (name: string, labels: Record<string, string>, service: string | null, port: number): ContainerSummary => ({
  id: `${name}-id`, name, image: 'img', state: 'running', status: '', health: 'none', completed: false, exitCode: null, oomKilled: false, project: 'togather', service,
  slot: labels['slipway.slot'] ?? null, ports: [{ privatePort: port, type: 'tcp' }], networkMode: 'bridge', createdAt: '2026-01-01T00:00:00Z', startedAt: null, finishedAt: null,
  restartCount: 0, restartPolicy: 'no', labels,
});
const blue = summary('togather-server-blue', { 'slipway.slot.group': 'togather', 'slipway.slot': 'blue' }, 'togather-blue', 8080);
const green = summary('togather-server-green', { 'slipway.slot.group': 'togather', 'slipway.slot': 'green' }, 'togather-green', 8080);
const proxy = summary('togather-proxy', {
  'slipway.proxy.group': 'togather', 'slipway.proxy.config': '/etc/nginx/nginx.conf', 'slipway.proxy.upstream': 'togather_backend',
  'slipway.proxy.url': 'http://127.0.0.1/health', 'slipway.proxy.header': 'X-Togather-Slot',
}, 'nginx', 80);

/** The text with the given spans cut out: what must stay byte-identical. */
const outside = (text: string, spans: { start: number; end: number }[]) => {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, s.start) + '\u0000';
    at = s.end;
  }
  return out + text.slice(at);
};

describe('upstream block of the owner config', () => {
  it('finds the server lines of the named block only, ignoring comments and quoted braces', () => {
    const servers = blockServers(CONF, 'togather_backend')!;
    expect(servers.map((s) => [s.address, s.params])).toEqual([
      ['togather-server-blue:8080', ['weight=5', 'max_fails=3', 'fail_timeout=10s']],
      ['togather-server-green:8080', ['backup']],
      ['10.9.9.9:8080', ['down']],
    ]);
    expect(activeServer(servers)).toBe('togather-server-blue:8080');
    expect(blockServers(CONF, 'missing')).toBeNull();
    expect(blockServers('upstream x { server a:1;', 'x')).toBeNull();
    expect(blockServers(null, 'x')).toBeNull();
  });

  it('swaps the slots in the block and keeps every other byte identical', () => {
    const m = groupMembers([blue, green, proxy]).get('togather')!;
    const s = proxySettings(proxy);
    expect(s).toMatchObject({ upstreamBlock: 'togather_backend', config: '/etc/nginx/nginx.conf', header: 'X-Togather-Slot', mode: 'reload', problems: [] });
    expect(slotOfUpstream(m, activeAddress(s, CONF, 'togather'))).toBe('blue');

    const toGreen = nextContent(s, m, CONF, 'green', 'togather-server-green:8080');
    // exactly the two server addresses changed; the comment naming green, the other block and the rest did not
    const expected = CONF.replace('server togather-server-blue:8080 weight=5', 'server togather-server-green:8080 weight=5')
      .replace('server togather-server-green:8080   backup', 'server togather-server-blue:8080   backup');
    expect(toGreen).toBe(expected);
    expect(outside(toGreen, blockServers(toGreen, 'togather_backend')!)).toBe(outside(CONF, blockServers(CONF, 'togather_backend')!));
    expect(toGreen).toContain('upstream other_backend { server togather-server-blue:8080; }');
    expect(slotOfUpstream(m, activeAddress(s, toGreen, 'togather'))).toBe('green');

    // and back: the original bytes
    expect(nextContent(s, m, toGreen, 'blue', 'togather-server-blue:8080')).toBe(CONF);
    // to the slot already active: unchanged
    expect(nextContent(s, m, CONF, 'blue', 'togather-server-blue:8080')).toBe(CONF);
  });

  it('writes labelled addresses when the config uses them, and refuses a block naming neither slot', () => {
    const lb = summary('b', { 'slipway.slot.group': 'g', 'slipway.slot': 'blue', 'slipway.slot.upstream': '127.0.0.1:18081' }, 'b', 8080);
    const lg = summary('g', { 'slipway.slot.group': 'g', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:18082' }, 'g', 8080);
    const m = groupMembers([lb, lg]).get('g')!;
    const s = { upstreamBlock: 'app', config: '/etc/nginx/nginx.conf' };
    const conf = 'upstream app {\r\n\tserver 127.0.0.1:18081 max_fails=2;\r\n\tkeepalive 8;\r\n}\r\n';
    expect(nextContent(s, m, conf, 'green', '127.0.0.1:18082')).toBe(conf.replace('127.0.0.1:18081', '127.0.0.1:18082'));
    expect(() => nextContent(s, m, 'upstream app { server 10.1.1.1:80; }', 'green', '127.0.0.1:18082')).toThrow(/neither slot/);
    expect(() => nextContent(s, m, 'http { }', 'green', '127.0.0.1:18082')).toThrow(/no `upstream app/);
    expect(() => nextContent(s, m, null, 'green', '127.0.0.1:18082')).toThrow(/does not exist/);
  });

  it('rewrites with the replacement function only where it answers', () => {
    const r = rewriteBlockServers(CONF, 'togather_backend', (a) => (a === '10.9.9.9:8080' ? '10.9.9.10:8080' : null))!;
    expect(r.changed).toBe(1);
    expect(r.text).toBe(CONF.replace('10.9.9.9:8080', '10.9.9.10:8080'));
  });

  it('refuses live switching with an adopted block, and an invalid block name', () => {
    expect(proxySettings({ ...proxy, labels: { ...proxy.labels, 'slipway.proxy.switch': 'live' } }).mode).toBeNull();
    expect(proxySettings({ ...proxy, labels: { ...proxy.labels, 'slipway.proxy.upstream': 'a b;' } }).upstreamBlock).toBeNull();
  });
});
