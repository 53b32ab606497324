import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalesce';
import { findService } from './service-model';
import type { RawService } from './model';

/** A job whose runs finish only when the test says so. */
function gatedJob() {
  const gates: (() => void)[] = [];
  const job = vi.fn(() => new Promise<void>((resolve) => gates.push(resolve)));
  return { job, finish: () => gates.shift()?.() };
}

describe('Coalescer (one refresh per burst of swarm events)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst of pokes, only after the delay', async () => {
    const job = vi.fn(async () => undefined);
    const c = new Coalescer(job, 150);
    for (let i = 0; i < 50; i++) c.poke();
    await vi.advanceTimersByTimeAsync(149);
    expect(job).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(job).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('pokes during a run cost exactly one more run, after it', async () => {
    const { job, finish } = gatedJob();
    const c = new Coalescer(job, 150);
    c.poke();
    await vi.advanceTimersByTimeAsync(150);
    expect(job).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) c.poke();
    await vi.advanceTimersByTimeAsync(500);
    expect(job).toHaveBeenCalledTimes(1); // still running: the second waits for it
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(job).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('now() skips the delay, and while a run is under way waits for a fresh one shared by every caller', async () => {
    const { job, finish } = gatedJob();
    const c = new Coalescer(job, 150);
    c.poke();
    const first = c.now(); // the pending poke is absorbed into this run
    await vi.advanceTimersByTimeAsync(0);
    expect(job).toHaveBeenCalledTimes(1);
    let a = false;
    let b = false;
    void c.now().then(() => (a = true));
    void c.now().then(() => (b = true));
    finish();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(a || b).toBe(false); // the run that started before them does not count
    expect(job).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect([a, b]).toEqual([true, true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('a failed run rejects its callers and the next poke runs again', async () => {
    let fail = true;
    const job = vi.fn(async () => {
      if (fail) throw new Error('engine away');
    });
    const c = new Coalescer(job, 150);
    await expect(c.now()).rejects.toThrow('engine away');
    fail = false;
    c.poke();
    await vi.advanceTimersByTimeAsync(150);
    expect(job).toHaveBeenCalledTimes(2);
    await expect(c.now()).resolves.toBeUndefined();
  });

  it('cancel() drops a pending poke', async () => {
    const job = vi.fn(async () => undefined);
    const c = new Coalescer(job, 150);
    c.poke();
    c.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).not.toHaveBeenCalled();
  });
});

describe('findService (the Engine API\'s reference rules, on the model)', () => {
  const svc = (ID: string, Name: string) => ({ ID, Spec: { Name } }) as RawService;
  const services = [svc('abc123', 'web'), svc('abd456', 'api'), svc('web', 'other')];
  it('matches a full id first, then a name, then a unique id prefix', () => {
    expect(findService(services, 'web')).toBe(services[2]);
    expect(findService(services, 'api')).toBe(services[1]);
    expect(findService(services, 'abc')).toBe(services[0]);
    expect(findService(services, 'ab')).toBe('ambiguous');
    expect(findService(services, 'zzz')).toBeUndefined();
  });
});
