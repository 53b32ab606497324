// slipway.update.window: auto updates only within an hour after the cron fires.
import { describe, expect, it } from 'vitest';
import { windowOpen } from './start';
import { policyOf } from './checker';

describe('update window and policy', () => {
  it('opens for an hour after each cron time; no window is always open; a bad one never', () => {
    const at = (iso: string) => Date.parse(iso);
    // 03:00 every day (local time of the server; the cases are built in local time too)
    const day = new Date(2026, 0, 10, 3, 0, 0).getTime();
    expect(windowOpen('0 3 * * *', day + 10 * 60_000)).toBe(true);
    expect(windowOpen('0 3 * * *', day + 59 * 60_000)).toBe(true);
    expect(windowOpen('0 3 * * *', day + 61 * 60_000)).toBe(false);
    expect(windowOpen('0 3 * * *', day - 60_000)).toBe(false);
    expect(windowOpen(undefined, at('2026-01-10T12:00:00Z'))).toBe(true);
    expect(windowOpen('not a cron', day)).toBe(false);
  });
  it('reads slipway.update: notify by default, unknown values too', () => {
    expect(policyOf({ labels: {} })).toBe('notify');
    expect(policyOf({ labels: { 'slipway.update': 'auto' } })).toBe('auto');
    expect(policyOf({ labels: { 'slipway.update': 'off' } })).toBe('off');
    expect(policyOf({ labels: { 'slipway.update': 'yes please' } })).toBe('notify');
  });
});
