// Issue 16: every environment is paired with the process's one App. Process members are the App's (a
// write through one environment is seen by all); engine members and area services are each its own.
import { describe, expect, it } from 'vitest';
import type { Server as IoServer } from 'socket.io';
import type { Config } from '../config';
import type { Db } from '../store/db';
import { createApp } from '../app';
import { LoginRateLimiter } from '../auth/rate-limit';
import { EnvironmentRegistry, environments } from './registry';

function setup() {
  const app = createApp({
    config: { tlsDir: '/nonexistent-slipway-tls' } as Config,
    db: {} as Db,
    loginLimiter: new LoginRateLimiter(),
    setupToken: null,
    disconnectSockets: () => undefined,
  });
  const started: string[] = [];
  const stopped: string[] = [];
  const registry = new EnvironmentRegistry(app, { name: 'main', url: 'unix:///nonexistent/main.sock', source: 'config' }, {
    start: (ae) => void started.push(ae.env.name),
    stop: (ae) => void stopped.push(ae.env.name),
  });
  const edge = registry.add({ name: 'edge', url: 'tcp://127.0.0.1:1', source: 'settings' });
  return { app, registry, main: registry.defaultAppEnv, edge, started, stopped };
}

describe('environments', () => {
  it('are plain objects, the default one included (no prototype chain to another environment)', () => {
    const { main, edge } = setup();
    expect(Object.getPrototypeOf(main.env)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(edge.env)).toBe(Object.prototype);
    expect(Object.keys(edge.env).sort()).toEqual(['docker', 'emit', 'existing', 'name', 'service', 'url', 'watcher']);
  });

  it('see the socket.io server set on the App after they were made', () => {
    const { app, main, edge } = setup();
    expect(edge.app.io()).toBeNull();
    const io = { fake: 'io' } as unknown as IoServer;
    app.setIo(io);
    expect(main.app.io()).toBe(io);
    expect(edge.app.io()).toBe(io);
  });

  it('share the one App: a setup token written through one is read through another', () => {
    const { app, main, edge } = setup();
    expect(edge.app).toBe(main.app);
    edge.app.setup.token = 'one-time';
    expect(main.app.setup.token).toBe('one-time');
    expect(main.app.config).toBe(app.config);
    expect(environments(edge)).toBe(environments(main));
    expect(edge.app.service('metrics', () => ({}))).toBe(main.app.service('metrics', () => ({})));
  });

  it('have their own engine members and area services', () => {
    const { main, edge } = setup();
    expect(main.env.name).toBe('main');
    expect(edge.env.name).toBe('edge');
    expect(edge.env.url).toBe('tcp://127.0.0.1:1');
    expect(edge.env.docker).not.toBe(main.env.docker);
    expect(edge.env.watcher).not.toBe(main.env.watcher);
    const hub = main.env.service('logs.hub', () => ({ hub: 'main' }));
    expect(edge.env.service('logs.hub', () => ({ hub: 'edge' }))).toEqual({ hub: 'edge' });
    expect(main.env.existing('logs.hub')).toBe(hub);
    expect(edge.env.existing('stats.hub')).toBeUndefined();
  });

  it('push only to their own room, stamped with their name', () => {
    const { app, main, edge } = setup();
    const sent: { room: string; event: string; payload: unknown }[] = [];
    app.setIo({ to: (room: string) => ({ emit: (event: string, payload: unknown) => void sent.push({ room, event, payload }) }) } as unknown as IoServer);
    edge.env.emit('backup:progress', { id: 7 });
    main.env.emit('slots:done', { group: 'web' });
    expect(sent).toEqual([
      { room: 'containers:edge', event: 'backup:progress', payload: { id: 7, env: 'edge' } },
      { room: 'containers:main', event: 'slots:done', payload: { group: 'web', env: 'main' } },
    ]);
  });

  it('are started when added and stopped when removed; the default one cannot be removed', () => {
    const { registry, started, stopped } = setup();
    expect(started).toEqual(['edge']);
    registry.remove('edge');
    expect(stopped).toEqual(['edge']);
    expect(registry.has('edge')).toBe(false);
    expect(registry.all().map((ae) => ae.env.name)).toEqual(['main']);
    expect(() => registry.remove('main')).toThrow(/default/);
  });
});
