import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/server/contract';
import { layout, logsHref, ticks, zoom } from './lanes';

const ev = (id: number, at: string, project: string | null, service: string | null, kind: TimelineEvent['kind'] = 'container.die'): TimelineEvent =>
  ({ id, at, env: 'local', project, service, container: service ? `${project}-${service}-1` : null, kind, severity: 'info', summary: '', detail: null });

describe('timeline layout', () => {
  it('puts one lane per service, Slipway and other containers last, events oldest first', () => {
    const l = layout([
      ev(1, '2026-01-01T10:00:02Z', 'shop', 'web'),
      ev(2, '2026-01-01T10:00:01Z', 'shop', 'db'),
      ev(3, '2026-01-01T10:00:03Z', null, null, 'user.action'),
      ev(4, '2026-01-01T10:00:00Z', null, null, 'container.start'),
      ev(5, '2026-01-01T10:00:04Z', 'shop', 'web'),
    ], [{ container: 'shop-web-1', project: 'shop', service: 'web', minute: '2026-01-01T10:00:00.000Z', count: 4 }, { container: 'shop-web-2', project: 'shop', service: 'web', minute: '2026-01-01T10:00:00.000Z', count: 3 }], true);
    expect(l.lanes.map((x) => x.label)).toEqual(['db', 'web', 'other containers', 'Slipway']);
    expect(l.events.map((e) => e.id)).toEqual([4, 2, 1, 3, 5]);
    expect(l.eventsByLane[1].map((i) => l.events[i].id)).toEqual([1, 5]);
    expect(l.rateByLane[1]).toEqual([[Date.parse('2026-01-01T10:00:00Z'), 7]]);
    expect(l.maxRate).toBe(7);
  });
  it('labels lanes with the stack in the global view', () => {
    expect(layout([ev(1, '2026-01-01T10:00:00Z', 'shop', 'web')], [], false).lanes[0].label).toBe('shop / web');
  });
});

describe('time axis', () => {
  it('picks round steps for the span and zooms around the pointer', () => {
    const t = ticks(0, 3_600_000, 1100);
    expect(t.step).toBe(600_000);
    expect(t.times[0]).toBe(0);
    const z = zoom({ start: 0, end: 1000_000 }, 0.5, 0.25);
    expect(z).toEqual({ start: 125_000, end: 625_000 });
    expect(zoom({ start: 0, end: 20_000 }, 0.01, 0.5).end - zoom({ start: 0, end: 20_000 }, 0.01, 0.5).start).toBe(10_000);
  });
  it('links to the logs ±30 s around an event', () => {
    const t = Date.parse('2026-01-01T10:00:00Z');
    expect(logsHref({ container: 'shop-web-1' }, t)).toBe('/logs?container=shop-web-1&since=2026-01-01T09%3A59%3A30.000Z&until=2026-01-01T10%3A00%3A30.000Z');
    expect(logsHref({ project: 'shop', service: 'web' }, t, t + 60_000)).toContain('project=shop&service=web&since=2026-01-01T09%3A59%3A30.000Z&until=2026-01-01T10%3A01%3A30.000Z');
    expect(logsHref({}, t)).toBeNull();
  });
});
