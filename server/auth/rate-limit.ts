// Failed-login limiter: a fixed window per username (tight) and per client address (looser, so one
// address guessing many usernames is stopped too), in memory.
// An attempt is counted when it starts, before the password check's first await (`begin`), so parallel
// attempts cannot all pass the check before any of them failed; a correct password gives its count back.
// So an operator who logs in correctly is never locked out by their own use.
export class LoginRateLimiter {
  private failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private maxPerUser = 10, private maxPerIp = 100, private windowMs = 5 * 60_000) {}

  private keys(ip: string, username: string) {
    return [`ip:${ip}`, `user:${username.toLowerCase()}`];
  }

  /** Seconds until another attempt is allowed, or 0 when allowed now. */
  retryAfter(ip: string, username: string, now = Date.now()): number {
    let wait = 0;
    for (const key of this.keys(ip, username)) {
      const entry = this.failures.get(key);
      if (!entry) continue;
      if (entry.resetAt <= now) this.failures.delete(key);
      else if (entry.count >= (key.startsWith('ip:') ? this.maxPerIp : this.maxPerUser)) wait = Math.max(wait, Math.ceil((entry.resetAt - now) / 1000));
    }
    return wait;
  }

  /**
   * Synchronously checks and counts one attempt: 0 when it may go on (it now counts as failed until
   * `recordSuccess`), else the seconds to wait. Call it before any await.
   */
  begin(ip: string, username: string, now = Date.now()): number {
    const wait = this.retryAfter(ip, username, now);
    if (wait > 0) return wait;
    this.recordFailure(ip, username, now);
    return 0;
  }

  recordFailure(ip: string, username: string, now = Date.now()) {
    for (const key of this.keys(ip, username)) {
      const entry = this.failures.get(key);
      if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
      else entry.count++;
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A correct password: the username's failures are forgiven and the address gets this attempt back. */
  recordSuccess(ip: string, username: string) {
    this.failures.delete(`user:${username.toLowerCase()}`);
    const entry = this.failures.get(`ip:${ip}`);
    if (entry && entry.count > 0) entry.count--;
  }

  private prune(now: number) {
    for (const [k, v] of this.failures) if (v.resetAt <= now) this.failures.delete(k);
  }
}
