import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin';
import { hashPassword, verifyPassword } from './passwords';
import { can } from './permissions';
import { LoginRateLimiter } from './rate-limit';
import { readCookie } from './sessions';

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('correct horse');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('wrong horse', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('permissions', () => {
  const p = (role: 'viewer' | 'operator' | 'admin') => ({ username: 'u', role, via: 'session' as const });
  it('orders viewer < operator < admin', () => {
    expect(can(p('viewer'), 'read')).toBe(true);
    expect(can(p('viewer'), 'containers:control')).toBe(false);
    expect(can(p('operator'), 'containers:control')).toBe(true);
    expect(can(p('operator'), 'shell')).toBe(false);
    expect(can(p('operator'), 'backups:restore')).toBe(false);
    expect(can(p('admin'), 'shell')).toBe(true);
    expect(can(null, 'read')).toBe(false);
  });
});

describe('origin', () => {
  it('allows only the own origin and configured extras', () => {
    expect(isAllowedOrigin('http://127.0.0.1:3000', 'http://127.0.0.1:3000', [])).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 'http://127.0.0.1:3000', [])).toBe(false);
    expect(isAllowedOrigin(null, 'http://127.0.0.1:3000', [])).toBe(false);
    expect(isAllowedOrigin('https://dash.example', 'http://127.0.0.1:3000', ['https://dash.example'])).toBe(true);
  });
});

describe('LoginRateLimiter', () => {
  it('limits failures per username within a window, then lets them try again', () => {
    const l = new LoginRateLimiter(3, 100, 1000);
    for (let i = 0; i < 3; i++) l.recordFailure('1.1.1.1', 'bob', 0);
    expect(l.retryAfter('1.1.1.1', 'bob', 10)).toBeGreaterThan(0);
    expect(l.retryAfter('1.1.1.1', 'alice', 10)).toBe(0);
    expect(l.retryAfter('1.1.1.1', 'bob', 1001)).toBe(0);
  });
  it('limits one address guessing many usernames', () => {
    const l = new LoginRateLimiter(3, 5, 1000);
    for (let i = 0; i < 5; i++) l.recordFailure('2.2.2.2', `u${i}`, 0);
    expect(l.retryAfter('2.2.2.2', 'fresh', 1)).toBeGreaterThan(0);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; slipway_session=abc%3D; b=2', 'slipway_session')).toBe('abc=');
    expect(readCookie('a=1', 'slipway_session')).toBeNull();
    expect(readCookie(undefined, 'x')).toBeNull();
  });
});
