// Pure layout of the timeline: which lane an event or an error-rate point belongs to (one per service),
// lane order, the time axis ticks, zooming around a point, and the logs link of an event (±30 s).
import type { ErrorRatePoint, TimelineEvent } from '@/server/contract';

export interface Lane {
  key: string;
  label: string;
  /** for the logs link of an error-rate point */
  project: string | null;
  service: string | null;
}

const OTHER = '~other';
const SLIPWAY = '~slipway';

/** The lane of an event: its service (its stack when it has none); Slipway's own actions; other containers. */
export function laneOf(e: { project: string | null; service: string | null; kind?: string }, scoped: boolean): Lane {
  if (e.project) {
    const key = `${e.project}/${e.service ?? ''}`;
    const label = e.service ? (scoped ? e.service : `${e.project} / ${e.service}`) : scoped ? '(stack)' : `${e.project} (stack)`;
    return { key, label, project: e.project, service: e.service };
  }
  if (e.kind?.startsWith('user.') || e.kind?.startsWith('backup.') || e.kind?.startsWith('slot.')) return { key: SLIPWAY, label: 'Slipway', project: null, service: null };
  return { key: OTHER, label: 'other containers', project: null, service: null };
}

export interface Layout {
  lanes: Lane[];
  /** per lane index: its events' indexes into `events`, oldest first */
  eventsByLane: number[][];
  /** events oldest first, with `t` (ms) */
  events: (TimelineEvent & { t: number; lane: number })[];
  /** per lane index: [minute ms, count] oldest first */
  rateByLane: [number, number][][];
  maxRate: number;
}

export function layout(events: TimelineEvent[], rate: ErrorRatePoint[], scoped: boolean): Layout {
  const lanes = new Map<string, Lane>();
  const laneIndex = (l: Lane) => {
    if (!lanes.has(l.key)) lanes.set(l.key, l);
    return l.key;
  };
  const keyed = events.map((e) => ({ e, key: laneIndex(laneOf(e, scoped)) }));
  const rateKeyed = rate.map((p) => ({ p, key: laneIndex(laneOf(p, scoped)) }));
  const order = [...lanes.values()].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
  const pos = new Map(order.map((l, i) => [l.key, i]));
  const sorted = keyed.map(({ e, key }) => ({ ...e, t: Date.parse(e.at), lane: pos.get(key)! })).sort((a, b) => a.t - b.t || a.id - b.id);
  const eventsByLane: number[][] = order.map(() => []);
  sorted.forEach((e, i) => eventsByLane[e.lane].push(i));
  // one bar per lane and minute: replicas of a service add up
  const sums = order.map(() => new Map<number, number>());
  for (const { p, key } of rateKeyed) {
    const m = Date.parse(p.minute);
    const lane = sums[pos.get(key)!];
    lane.set(m, (lane.get(m) ?? 0) + p.count);
  }
  const rateByLane = sums.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]));
  const maxRate = Math.max(1, ...rateByLane.flatMap((l) => l.map(([, c]) => c)));
  return { lanes: order, eventsByLane, events: sorted, rateByLane, maxRate };
}

const rank = (l: Lane) => (l.key === SLIPWAY ? 2 : l.key === OTHER ? 1 : 0);

const STEPS = [1, 5, 15, 30, 60, 300, 600, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400].map((s) => s * 1000);

/** Tick times for [start, end] over `width` px, about one per `every` px, on round steps. */
export function ticks(start: number, end: number, width: number, every = 110): { step: number; times: number[] } {
  const want = ((end - start) / Math.max(1, width)) * every;
  const step = STEPS.find((s) => s >= want) ?? STEPS[STEPS.length - 1];
  const offset = new Date(start).getTimezoneOffset() * 60_000;
  const times: number[] = [];
  // steps of a day or more fall on local midnights
  const first = step >= 86_400_000 ? Math.ceil((start - offset) / step) * step + offset : Math.ceil(start / step) * step;
  for (let t = first; t <= end && times.length < 200; t += step) times.push(t);
  return { step, times };
}

export const MIN_SPAN = 10_000;
export const MAX_SPAN = 30 * 86_400_000;

/** Zooms [start, end] by `factor` (<1 in) keeping the time under `at` (0..1 of the width) in place. */
export function zoom(view: { start: number; end: number }, factor: number, at: number): { start: number; end: number } {
  const span = view.end - view.start;
  const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  const pivot = view.start + span * at;
  return { start: pivot - next * at, end: pivot + next * (1 - at) };
}

/** The logs page around a moment (±30 s, or a minute's bar plus 30 s either side), for a container, a service or a stack. */
export function logsHref(scope: { container?: string | null; project?: string | null; service?: string | null }, fromMs: number, toMs = fromMs): string | null {
  const p = new URLSearchParams();
  if (scope.container) p.set('container', scope.container);
  else if (scope.project) {
    p.set('project', scope.project);
    if (scope.service) p.set('service', scope.service);
  } else return null;
  p.set('since', new Date(fromMs - 30_000).toISOString());
  p.set('until', new Date(toMs + 30_000).toISOString());
  return `/logs?${p.toString()}`;
}
