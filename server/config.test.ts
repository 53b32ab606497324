import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig as load } from './config';

const loadConfig = (env: Record<string, string>) => load(env as NodeJS.ProcessEnv);

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DOCKER_HOST: 'unix:///var/run/docker.sock', SLIPWAY_SESSION_TTL: 86400, SLIPWAY_PUBLIC_ORIGIN: [] });
    expect(c.dbPath.endsWith('data/slipway.db')).toBe(true);
  });
  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ SLIPWAY_SESSION_TTL: '5' })).toThrow(/SLIPWAY_SESSION_TTL/);
    expect(() => loadConfig({ DOCKER_HOST: 'http://x' })).toThrow(/DOCKER_HOST/);
    expect(() => loadConfig({ SLIPWAY_PUBLIC_ORIGIN: 'not a url' })).toThrow(/SLIPWAY_PUBLIC_ORIGIN/);
    expect(() => loadConfig({ SLIPWAY_ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
  });
  it('reads the volume backup compression knobs', () => {
    expect(loadConfig({})).toMatchObject({ SLIPWAY_BACKUP_GZIP_LEVEL: 6, SLIPWAY_BACKUP_GZIP_THREADS: 2 });
    expect(loadConfig({ SLIPWAY_BACKUP_GZIP_LEVEL: '1', SLIPWAY_BACKUP_GZIP_THREADS: '1' })).toMatchObject({ SLIPWAY_BACKUP_GZIP_LEVEL: 1, SLIPWAY_BACKUP_GZIP_THREADS: 1 });
    expect(() => loadConfig({ SLIPWAY_BACKUP_GZIP_LEVEL: '0' })).toThrow(/SLIPWAY_BACKUP_GZIP_LEVEL/);
    expect(() => loadConfig({ SLIPWAY_BACKUP_GZIP_THREADS: '0' })).toThrow(/SLIPWAY_BACKUP_GZIP_THREADS/);
  });
  it('reads the events retention as a duration', () => {
    expect(loadConfig({}).SLIPWAY_EVENTS_RETENTION).toBe(30 * 86_400_000);
    expect(loadConfig({ SLIPWAY_EVENTS_RETENTION: '72h' }).SLIPWAY_EVENTS_RETENTION).toBe(72 * 3_600_000);
    for (const bad of ['30', 'forever', '10m', '9999d']) expect(() => loadConfig({ SLIPWAY_EVENTS_RETENTION: bad })).toThrow(/SLIPWAY_EVENTS_RETENTION/);
  });
  it('parses a list of public origins', () => {
    expect(loadConfig({ SLIPWAY_PUBLIC_ORIGIN: 'https://a.example, https://b.example:8443' }).SLIPWAY_PUBLIC_ORIGIN).toEqual(['https://a.example', 'https://b.example:8443']);
  });
});
