import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit';

describe('LoginRateLimiter.begin', () => {
  it('counts an attempt when it starts: of 40 begun together only 10 may go on (issue 15)', () => {
    const l = new LoginRateLimiter(10, 100, 60_000);
    const allowed = Array.from({ length: 40 }, () => l.begin('10.0.0.1', 'alice', 0)).filter((w) => w === 0).length;
    expect(allowed).toBe(10);
  });

  it('gives the attempt back on success, so correct logins never lock out the address', () => {
    const l = new LoginRateLimiter(10, 3, 60_000);
    for (let i = 0; i < 20; i++) {
      expect(l.begin('10.0.0.2', 'bob', 0)).toBe(0);
      l.recordSuccess('10.0.0.2', 'bob');
    }
  });
});
