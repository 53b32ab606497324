// Issue 16: every environment's context is a plain object made by one function. Process members are the
// process's one set (a write through one environment is seen by all); engine members are each its own.
import { describe, expect, it } from 'vitest';
import type { Server as IoServer } from 'socket.io';
import type { Config } from '../config';
import type { Db } from '../store/db';
import { singleton, type AppContext, type ProcessServices } from '../context';
import { LoginRateLimiter } from '../auth/rate-limit';
import { EnvironmentRegistry, environments } from './registry';

function setup() {
  const proc: ProcessServices = {
    config: { tlsDir: '/nonexistent-slipway-tls' } as Config,
    db: {} as Db,
    loginLimiter: new LoginRateLimiter(),
    io: null,
    setup: { token: null },
    disconnectSockets: () => undefined,
    sharedSingletons: new Map(),
  };
  const started: string[] = [];
  const stopped: string[] = [];
  const registry = new EnvironmentRegistry(proc, { name: 'main', url: 'unix:///nonexistent/main.sock', source: 'config' }, {
    start: (c) => void started.push(c.env),
    stop: (c) => void stopped.push(c.env),
  });
  const edge = registry.add({ name: 'edge', url: 'tcp://127.0.0.1:1', source: 'settings' });
  return { proc, registry, main: registry.defaultContext, edge, started, stopped };
}

describe('environment contexts', () => {
  it('are plain objects, the default one included (no prototype chain to another context)', () => {
    const { main, edge } = setup();
    expect(Object.getPrototypeOf(main)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(edge)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(edge)).not.toBe(main);
  });

  it('see the socket.io server set on the process after they were made', () => {
    const { proc, main, edge } = setup();
    expect(edge.io).toBeNull();
    const io = { fake: 'io' } as unknown as IoServer;
    proc.io = io;
    expect(main.io).toBe(io);
    expect(edge.io).toBe(io);
  });

  it('share the process members: a setup token written through one is read through another', () => {
    const { proc, main, edge } = setup();
    edge.setup.token = 'one-time';
    expect(main.setup.token).toBe('one-time');
    expect(main.config).toBe(proc.config);
    expect(edge.db).toBe(proc.db);
    expect(edge.loginLimiter).toBe(main.loginLimiter);
    expect(environments(edge)).toBe(environments(main));
    expect(singleton(edge, 'metrics', () => ({}))).toBe(singleton(main, 'metrics', () => ({})));
  });

  it('have their own engine members and area singletons', () => {
    const { main, edge } = setup();
    expect(main.env).toBe('main');
    expect(edge.env).toBe('edge');
    expect(edge.docker).not.toBe(main.docker);
    expect(edge.watcher).not.toBe(main.watcher);
    expect(singleton(edge, 'logs.hub', () => ({}))).not.toBe(singleton(main, 'logs.hub', () => ({})));
  });

  it('are started when added and stopped when removed; the default one cannot be removed', () => {
    const { registry, edge, started, stopped } = setup();
    expect(started).toEqual(['edge']);
    registry.remove('edge');
    expect(stopped).toEqual(['edge']);
    expect(registry.has('edge')).toBe(false);
    expect(registry.contexts().map((c: AppContext) => c.env)).toEqual(['main']);
    expect(() => registry.remove('main')).toThrow(/default/);
    void edge;
  });
});
