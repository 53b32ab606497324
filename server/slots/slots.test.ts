// Pure pieces of the slots area: upstream validation and rendering, discovery from labels, and the
// create options of a recreated slot container.
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type { ContainerSummary } from '../contract';
import { isValidUpstream } from '../contract';
import { parseSlotUpstreams, parseUpstream, renderUpstream, slotUpstreamsChanged } from './upstream-file';
import { groupMembers, proxySettings, slotOfUpstream, slotUpstream } from './members';
import { recreateOptions } from './recreate-options';
import { bothSlotUpstreams, keptSlotUpstreams } from './slot-upstreams';

const summary = (name: string, labels: Record<string, string>, state = 'running'): ContainerSummary => ({
  id: `${name}-id`, name, image: 'img', state, status: '', health: 'none', completed: false, exitCode: null, oomKilled: false, project: null, service: null,
  slot: labels['slipway.slot'] ?? null, ports: [], networkMode: 'host', createdAt: '2026-01-01T00:00:00Z', startedAt: null, finishedAt: null, restartCount: 0, restartPolicy: 'no', labels,
});

describe('upstream values', () => {
  it('accepts host:port only', () => {
    for (const ok of ['127.0.0.1:8081', 'app-green:8080', 'a.b.example:1', 'x:65535']) expect(isValidUpstream(ok), ok).toBe(true);
    for (const bad of ['127.0.0.1', ':80', 'x:0', 'x:65536', 'a b:80', 'x:80;', 'x:80; } server evil:1', 'x:80\n', '"x":80', '-x:80', 'x:80 backup', '']) expect(isValidUpstream(bad), bad).toBe(false);
  });

  it('renders only validated values and parses them back', () => {
    const text = renderUpstream('web', '127.0.0.1:8082');
    expect(text).toContain('upstream web { server 127.0.0.1:8082; keepalive 32; }');
    expect(parseUpstream(text)).toBe('127.0.0.1:8082');
    expect(parseUpstream('upstream web { server 127.0.0.1:8081; keepalive 32; }\n')).toBe('127.0.0.1:8081');
    expect(parseUpstream(null)).toBe(null);
    expect(() => renderUpstream('web', '127.0.0.1:8082; include /etc/passwd')).toThrow();
    expect(() => renderUpstream('we b', '127.0.0.1:8082')).toThrow();
  });

  it('renders live-mode files with one block per slot, the group block first as the record', () => {
    const text = renderUpstream('web', '127.0.0.1:8082', { blue: '127.0.0.1:8081', green: '127.0.0.1:8082' });
    expect(text).toContain('upstream web { server 127.0.0.1:8082; keepalive 32; }\nupstream web_blue { server 127.0.0.1:8081; keepalive 32; }\nupstream web_green { server 127.0.0.1:8082; keepalive 32; }\n');
    expect(parseUpstream(text, 'web')).toBe('127.0.0.1:8082');
    expect(parseSlotUpstreams(text, 'web')).toEqual({ blue: '127.0.0.1:8081', green: '127.0.0.1:8082' });
    // the group's own block wins wherever it is; a reload-mode file has no slot blocks
    expect(parseUpstream('upstream web_blue { server a:1; }\nupstream web { server b:2; }', 'web')).toBe('b:2');
    expect(parseSlotUpstreams('upstream web { server b:2; }', 'web')).toEqual({});
    expect(slotUpstreamsChanged(text, 'web', { blue: '127.0.0.1:8081', green: '127.0.0.1:8082' })).toBe(false);
    expect(slotUpstreamsChanged(text, 'web', { blue: '127.0.0.1:8081', green: '127.0.0.1:9999' })).toBe(true);
    expect(slotUpstreamsChanged('upstream web { server b:2; }', 'web', { blue: 'a:1', green: 'b:2' })).toBe(true);
    expect(() => renderUpstream('web', '127.0.0.1:8082', { blue: '127.0.0.1:8081', green: 'x; include /etc/passwd' })).toThrow();
  });
});

describe('discovery from labels', () => {
  const blue = summary('app-blue', { 'slipway.slot.group': 'web', 'slipway.slot': 'blue', 'slipway.slot.upstream': '127.0.0.1:8081' });
  const green = summary('app-green', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:8082' });
  const proxy = summary('proxy', { 'slipway.proxy.group': 'web', 'slipway.proxy.config': '/etc/nginx/slipway/web.conf', 'slipway.proxy.url': 'http://127.0.0.1:8080/health' });

  it('pairs slots with their proxy and maps the upstream back to a slot', () => {
    const m = groupMembers([blue, green, proxy, summary('other', {})]).get('web')!;
    expect(m.slots.blue?.name).toBe('app-blue');
    expect(m.slots.green?.name).toBe('app-green');
    expect(m.proxy?.name).toBe('proxy');
    expect(m.problems).toEqual([]);
    expect(slotOfUpstream(m, '127.0.0.1:8082')).toBe('green');
    expect(slotOfUpstream(m, '10.0.0.1:1')).toBe(null);
    expect(proxySettings(proxy)).toMatchObject({ config: '/etc/nginx/slipway/web.conf', header: 'X-Slot', mode: 'reload', flag: null, problems: [] });
  });

  it('reads the switch mode: live puts the flag next to the upstream file; anything else refuses', () => {
    const labels = { 'slipway.proxy.group': 'web', 'slipway.proxy.config': '/etc/nginx/slipway/web.conf', 'slipway.proxy.url': 'http://127.0.0.1:8080/health' };
    expect(proxySettings(summary('p', { ...labels, 'slipway.proxy.switch': 'live' }))).toMatchObject({ mode: 'live', flag: '/etc/nginx/slipway/web.green', problems: [] });
    const bad = proxySettings(summary('p', { ...labels, 'slipway.proxy.switch': 'hot' }));
    expect(bad).toMatchObject({ mode: null, flag: null });
    expect(bad.problems.join(' ')).toMatch(/reload or live/);
  });

  it('ignores hostile group names and reports bad labels', () => {
    const hostile = summary('h', { 'slipway.slot.group': '../x', 'slipway.slot': 'blue' });
    expect(groupMembers([hostile]).size).toBe(0);
    const red = summary('r', { 'slipway.slot.group': 'web', 'slipway.slot': 'red' });
    expect(groupMembers([red, blue]).get('web')!.problems.join(' ')).toMatch(/blue or green/);
    expect(slotUpstream(summary('b', { 'slipway.slot.upstream': 'x; y' })).upstream).toBe(null);
    expect(proxySettings(summary('p', { 'slipway.proxy.config': '/etc/../passwd.conf', 'slipway.proxy.header': 'X Bad' }))).toMatchObject({ config: null, header: 'X-Slot' });
  });
});

describe('per-slot upstreams a switch writes', () => {
  const blue = summary('app-blue', { 'slipway.slot.group': 'web', 'slipway.slot': 'blue', 'slipway.slot.upstream': '127.0.0.1:8081' });
  const green = summary('app-green', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:8082' });
  const liveFile = 'upstream web { server 127.0.0.1:8081; }\nupstream web_blue { server 127.0.0.1:8081; }\nupstream web_green { server 10.9.9.9:1; }\n';

  it('live mode needs both slots with valid addresses', () => {
    expect(bothSlotUpstreams(groupMembers([blue, green]).get('web')!)).toEqual({ slots: { blue: '127.0.0.1:8081', green: '127.0.0.1:8082' }, error: null });
    expect(bothSlotUpstreams(groupMembers([blue]).get('web')!).error).toMatch(/no green slot/);
    const badGreen = summary('app-green', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': 'x y' });
    expect(bothSlotUpstreams(groupMembers([blue, badGreen]).get('web')!).error).toMatch(/green slot app-green/);
  });

  it('reload mode keeps per-slot blocks a file already has, refreshed from the labels, and adds none', () => {
    const m = groupMembers([blue, green]).get('web')!;
    expect(keptSlotUpstreams(m, 'upstream web { server 127.0.0.1:8081; }\n')).toBe(null);
    expect(keptSlotUpstreams(m, null)).toBe(null);
    expect(keptSlotUpstreams(m, liveFile)).toEqual({ blue: '127.0.0.1:8081', green: '127.0.0.1:8082' });
    expect(keptSlotUpstreams(groupMembers([blue]).get('web')!, liveFile)).toEqual({ blue: '127.0.0.1:8081', green: '10.9.9.9:1' });
  });
});

describe('recreate options', () => {
  it('keeps what the container was created with and drops what it inherited from the old image', () => {
    const info = {
      Id: 'abcdef1234567890', Name: '/p_app-green_1', Image: 'sha256:old',
      Config: {
        Image: 'app:1', Env: ['SLOT=green', 'PATH=/usr/bin', 'APP_VERSION=1.0.0'], Cmd: ['slipway-app'], Entrypoint: null,
        Labels: { 'com.docker.compose.project': 'p', 'slipway.slot': 'green', maintainer: 'image' },
        Healthcheck: { Test: ['CMD', 'true'], Interval: 1e9 }, StopSignal: 'SIGQUIT', WorkingDir: '', User: '',
      },
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' }, Binds: ['/data:/data'] },
      NetworkSettings: { Networks: { host: {} } },
    } as unknown as Docker.ContainerInspectInfo;
    const image = { Config: { Env: ['PATH=/usr/bin', 'APP_VERSION=1.0.0'], Cmd: ['nginx', '-g', 'daemon off;'], Labels: { maintainer: 'image' }, StopSignal: 'SIGQUIT' } } as unknown as Docker.ImageInspectInfo;
    const o = recreateOptions(info, image, 'app:2');
    expect(o.Image).toBe('app:2');
    expect(o.Env).toEqual(['SLOT=green']);
    expect(o.Cmd).toEqual(['slipway-app']);
    expect(o.Labels).toEqual({ 'com.docker.compose.project': 'p', 'slipway.slot': 'green' });
    expect(o.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 1e9 });
    expect(o.StopSignal).toBeUndefined();
    expect(o.HostConfig).toMatchObject({ NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' }, Binds: ['/data:/data'] });
    expect(o.NetworkingConfig).toBeUndefined();
  });
});

describe('groups scoped to their project (issue 15.2)', () => {
  const inProject = (name: string, labels: Record<string, string>, project: string | null, createdAt = '2026-01-01T00:00:00Z'): ContainerSummary => ({ ...summary(name, labels), project, createdAt });
  const proxy = inProject('proxy', { 'slipway.proxy.group': 'web', 'slipway.proxy.config': '/etc/nginx/slipway/web.conf', 'slipway.proxy.url': 'http://127.0.0.1:8080/health' }, 'shop');
  const blue = inProject('app-blue', { 'slipway.slot.group': 'web', 'slipway.slot': 'blue', 'slipway.slot.upstream': '127.0.0.1:8081' }, 'shop');
  const green = inProject('app-green', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:8082' }, 'shop');

  it("ignores a stranger's container labelled into the group, even a newer one", () => {
    const stranger = inProject('evil-green', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:6666' }, 'other', '2026-06-01T00:00:00Z');
    const m = groupMembers([stranger, blue, green, proxy]).get('web')!;
    expect(m.slots.green?.name).toBe('app-green');
    expect(m.ambiguous).toEqual([]);
    expect(m.problems.join(' ')).toMatch(/evil-green claims slipway.slot.group=web but belongs to compose project other/);
    expect(slotOfUpstream(m, '127.0.0.1:6666')).toBeNull();
  });

  it('marks a slot with two candidates in the project as ambiguous', () => {
    const twin = inProject('app-green-2', { 'slipway.slot.group': 'web', 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:8083' }, 'shop', '2026-06-01T00:00:00Z');
    const m = groupMembers([twin, blue, green, proxy]).get('web')!;
    expect(m.ambiguous).toEqual(['green']);
    expect(m.problems.join(' ')).toMatch(/more than one green container .* refused/);
  });
});
