// Alert evaluation (issue 18.4): the condition of each kind, the grouping key, dedup within the group
// window, resolution, and quiet hours. Expected values are written from the rules.
import { describe, expect, it } from 'vitest';
import type { AlertRule, ContainerSummary, TimelineEvent } from '../contract';
import { eventEffect, inScope, servicesInScope, stateCondition } from './conditions';
import { decide } from './grouping';
import { inQuietHours, mayDeliver } from './quiet-hours';

const c = (o: Partial<ContainerSummary>): ContainerSummary => ({
  id: Math.random().toString(16).slice(2), name: 'web-1', image: 'img', state: 'running', status: '', health: 'none', completed: false,
  exitCode: null, oomKilled: false, project: 'shop', service: 'web', slot: null, ports: [], networkMode: 'host', createdAt: '', startedAt: null,
  finishedAt: null, restartCount: 0, restartPolicy: 'no', labels: {}, ...o,
});
const rule = (o: Partial<AlertRule>): AlertRule => ({
  id: 1, name: 'r', kind: 'exit_nonzero', enabled: true, severity: 'critical', env: null, project: null, service: null,
  groupWindowMinutes: 60, destinations: [], createdAt: '', updatedAt: '', ...o,
});
const MIN = 60_000;

describe('state conditions', () => {
  it('non-zero exit fires when no replica runs, not for a stop signal, a completed job, or while another replica runs', () => {
    const r = rule({ kind: 'exit_nonzero' });
    expect(stateCondition(r, [c({ state: 'exited', exitCode: 3 })], 0, undefined)).toMatch(/exited with code 3/);
    expect(stateCondition(r, [c({ state: 'exited', exitCode: 143 })], 0, undefined)).toBeNull();
    expect(stateCondition(r, [c({ state: 'exited', exitCode: 137 })], 0, undefined)).toBeNull();
    expect(stateCondition(r, [c({ state: 'exited', exitCode: 0, completed: true })], 0, undefined)).toBeNull();
    expect(stateCondition(r, [c({ state: 'exited', exitCode: 1 }), c({ name: 'web-2', state: 'running' })], 0, undefined)).toBeNull();
    expect(stateCondition(r, [c({ state: 'running' })], 0, undefined)).toBeNull();
  });

  it('unhealthy fires only after N minutes in a row', () => {
    const r = rule({ kind: 'unhealthy', minutes: 5 });
    const sick = [c({ health: 'unhealthy' })];
    expect(stateCondition(r, sick, 4 * MIN, 0)).toBeNull();
    expect(stateCondition(r, sick, 5 * MIN, 0)).toMatch(/unhealthy for more than 5 min/);
    expect(stateCondition(r, [c({ health: 'healthy' })], 10 * MIN, 0)).toBeNull();
  });

  it('restart loop and OOM kill fire from the watcher flags', () => {
    expect(stateCondition(rule({ kind: 'restart_loop' }), [c({ restartLoop: true, restartCount: 4 })], 0, undefined)).toMatch(/restart loop: web-1 \(4 restarts\)/);
    expect(stateCondition(rule({ kind: 'restart_loop' }), [c({})], 0, undefined)).toBeNull();
    expect(stateCondition(rule({ kind: 'oom' }), [c({ oomKilled: true, state: 'exited', exitCode: 137 })], 0, undefined)).toMatch(/OOM-killed: web-1/);
    expect(stateCondition(rule({ kind: 'oom' }), [c({})], 0, undefined)).toBeNull();
  });
});

describe('scope and grouping key', () => {
  it('a missing scope part matches everything; a given one must be equal', () => {
    expect(inScope({ env: null, project: null, service: null }, 'local', 'a', 'b')).toBe(true);
    expect(inScope({ env: 'local', project: 'a', service: null }, 'local', 'a', 'x')).toBe(true);
    expect(inScope({ env: 'other', project: null, service: null }, 'local', 'a', 'b')).toBe(false);
    expect(inScope({ env: null, project: 'a', service: 'b' }, 'local', 'a', 'c')).toBe(false);
  });

  it('groups replicas of one service under one key, standalone containers by name', () => {
    const groups = servicesInScope({ env: null, project: 'shop', service: null }, 'local', [
      c({ name: 'shop-web-1' }), c({ name: 'shop-web-2' }), c({ name: 'shop-db-1', service: 'db' }), c({ name: 'other', project: 'blog' }),
    ]);
    expect([...groups.keys()].sort()).toEqual(['local/shop/db', 'local/shop/web']);
    expect(groups.get('local/shop/web')!.length).toBe(2);
    const alone = servicesInScope({ env: null, project: null, service: 'solo' }, 'local', [c({ name: 'solo', project: null, service: null })]);
    expect([...alone.keys()]).toEqual(['local/-/solo']);
  });
});

describe('event rules', () => {
  const ev = (o: Partial<TimelineEvent>): TimelineEvent => ({
    id: 1, at: '2026-12-06T10:00:00.000Z', env: 'local', project: 'shop', service: 'db', container: 'shop-db-1', kind: 'backup.failed',
    severity: 'critical', summary: 'backup #4 of shop-db-1 failed', detail: { target: 'shop-db-1' }, ...o,
  });
  it('a failed or unverifiable backup fires per target; a verified one clears it', () => {
    const r = rule({ kind: 'backup_failed' });
    expect(eventEffect(r, ev({}))).toEqual({ fire: { key: 'local/backup:shop-db-1', project: 'shop', service: 'db', summary: 'backup #4 of shop-db-1 failed' } });
    expect(eventEffect(r, ev({ kind: 'backup.verify_failed' }))?.fire?.key).toBe('local/backup:shop-db-1');
    expect(eventEffect(r, ev({ kind: 'backup.verified' }))).toEqual({ clear: 'local/backup:shop-db-1' });
    expect(eventEffect(r, ev({ kind: 'container.die' }))).toBeNull();
    expect(eventEffect(rule({ kind: 'backup_failed', project: 'blog' }), ev({}))).toBeNull();
  });
  it('an update found fires per service; an applied update clears it', () => {
    const r = rule({ kind: 'update_available' });
    expect(eventEffect(r, ev({ kind: 'update.available', service: 'web' }))?.fire?.key).toBe('local/shop/web');
    expect(eventEffect(r, ev({ kind: 'update.applied', service: 'web' }))).toEqual({ clear: 'local/shop/web' });
  });
});

describe('dedup and resolution', () => {
  const W = 60 * MIN;
  it('opens once, repeats without sending inside the window, sends again after it', () => {
    expect(decide(undefined, true, 0, W)).toBe('open');
    expect(decide({ lastSentAt: 0 }, true, 10 * MIN, W)).toBe('repeat');
    expect(decide({ lastSentAt: 0 }, true, 60 * MIN, W)).toBe('repeat-and-send');
    expect(decide({ lastSentAt: null }, true, 1, W)).toBe('repeat-and-send');
  });
  it('a condition merely still holding is no repeat', () => {
    expect(decide({ lastSentAt: 0 }, true, 2 * W, W, false)).toBe('none');
  });
  it('resolves an open alert when the condition clears, nothing when none was open', () => {
    expect(decide({ lastSentAt: 0 }, false, 1, W)).toBe('resolve');
    expect(decide(undefined, false, 1, W)).toBe('none');
  });
});

describe('quiet hours', () => {
  const q = { enabled: true, start: '22:00', end: '07:00', utcOffsetMinutes: 60 };
  const at = (iso: string) => Date.parse(iso);
  it('holds across midnight in the given offset', () => {
    expect(inQuietHours(q, at('2026-12-06T21:30:00Z'))).toBe(true); // 22:30 at UTC+1
    expect(inQuietHours(q, at('2026-12-06T05:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(q, at('2026-12-06T06:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours(q, at('2026-12-06T20:59:00Z'))).toBe(false); // 21:59
    expect(inQuietHours({ ...q, enabled: false }, at('2026-12-06T23:00:00Z'))).toBe(false);
    expect(inQuietHours({ ...q, start: '09:00', end: '17:00', utcOffsetMinutes: 0 }, at('2026-12-06T12:00:00Z'))).toBe(true);
  });
  it('lets only critical alerts through while quiet', () => {
    const night = at('2026-12-06T23:00:00Z');
    expect(mayDeliver('critical', q, night)).toBe(true);
    expect(mayDeliver('warning', q, night)).toBe(false);
    expect(mayDeliver('warning', q, at('2026-12-06T12:00:00Z'))).toBe(true);
  });
});
