'use client';
// The timeline page, for the environment or one stack (`?project=`): a look-back window, the canvas
// (zoom with the wheel, a pinch or the buttons; drag to pan), the picked event's panel, and the newest
// events as a list (keyboard and screen-reader access to the same events). Live through event:new.
import Link from 'next/link';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { TimelineEvent } from '@/server/contract';
import { AppShell } from '../app-shell';
import { EventPanel, RatePanel } from './event-panel';
import { layout } from './lanes';
import { useEventsLive } from './live';
import { useErrorRateQuery, useEventsQuery } from './queries';
import { TimelineCanvas, type Pick, type TimelineCanvasApi } from './timeline-canvas';

const RANGES = [
  { since: '1h', ms: 3_600_000 },
  { since: '6h', ms: 6 * 3_600_000 },
  { since: '24h', ms: 86_400_000 },
  { since: '7d', ms: 7 * 86_400_000 },
];

const DOT = { critical: 'bg-rose-600', warning: 'bg-amber-600', info: 'bg-indigo-600' };

export function TimelineView({ project }: { project?: string }) {
  const [range, setRange] = useState(RANGES[0]);
  const scope = useMemo(() => ({ project, since: range.since }), [project, range.since]);
  const events = useEventsQuery(scope);
  const rate = useErrorRateQuery(scope);
  useEventsLive();
  const data = useMemo(() => layout(events.data ?? [], rate.data ?? [], Boolean(project)), [events.data, rate.data, project]);
  const [pick, setPick] = useState<Pick | null>(null);
  const canvas = useRef<TimelineCanvasApi>(null);
  const initial = useMemo(() => ({ start: Date.now() - range.ms, end: Date.now() + range.ms * 0.02 }), [range]);
  const onPick = useCallback((p: Pick | null) => setPick(p), []);
  const selected: TimelineEvent | null = pick?.type === 'event' ? (data.events[pick.index] ?? null) : null;
  const reset = () => canvas.current?.setView(Date.now() - range.ms, Date.now() + range.ms * 0.02);

  return (
    <AppShell title={project ? `Timeline: ${project}` : 'Timeline'}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          {project && <Link href="/timeline" className="mr-2 text-sm text-indigo-600">← All stacks</Link>}
          <div className="flex overflow-hidden rounded-md border border-slate-300" role="group" aria-label="Look back">
            {RANGES.map((r) => (
              <button key={r.since} type="button" aria-pressed={r.since === range.since}
                className={`px-2.5 py-1 text-xs ${r.since === range.since ? 'bg-slate-800 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
                onClick={() => { setRange(r); setPick(null); canvas.current?.setView(Date.now() - r.ms, Date.now() + r.ms * 0.02); }}>
                {r.since}
              </button>
            ))}
          </div>
          <button type="button" className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs" onClick={() => canvas.current?.zoomBy(0.5)} aria-label="Zoom in" data-testid="zoom-in">+</button>
          <button type="button" className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs" onClick={() => canvas.current?.zoomBy(2)} aria-label="Zoom out" data-testid="zoom-out">-</button>
          <button type="button" className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs" onClick={reset}>Now</button>
          <span className="text-xs text-slate-500" data-testid="event-count">
            {events.isLoading ? 'loading…' : `${(events.data ?? []).length.toLocaleString()} events`}
          </span>
          <span className="flex items-center gap-3 text-xs text-slate-500">
            <span className="flex items-center gap-1"><i className={`inline-block h-2 w-2 rounded-full ${DOT.critical}`} />critical</span>
            <span className="flex items-center gap-1"><i className={`inline-block h-2 w-2 rounded-full ${DOT.warning}`} />warning</span>
            <span className="flex items-center gap-1"><i className={`inline-block h-2 w-2 rounded-full ${DOT.info}`} />info</span>
            <span className="flex items-center gap-1"><i className="inline-block h-2 w-2 bg-rose-400" />error lines/min</span>
          </span>
        </div>
        {events.error && <p className="text-sm text-rose-600">{(events.error as Error).message}</p>}
        <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0">
            <TimelineCanvas ref={canvas} data={data} initial={initial} selectedId={selected?.id ?? null} onPick={onPick} />
            {data.lanes.length === 0 && !events.isLoading && <p className="mt-2 text-sm text-slate-500">Nothing happened in this window.</p>}
          </div>
          <div className="min-w-0">
            {selected && <EventPanel event={selected} onClose={() => setPick(null)} />}
            {pick?.type === 'rate' && data.lanes[pick.lane] && <RatePanel lane={data.lanes[pick.lane]} minute={pick.minute} count={pick.count} onClose={() => setPick(null)} />}
            {!pick && <p className="text-xs text-slate-500">Click a marker or an error bar for details and the logs around it. Wheel or pinch to zoom, drag to pan.</p>}
          </div>
        </div>
        <section>
          <h2 className="mb-2 text-sm font-semibold">Newest</h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="event-list">
            {(events.data ?? []).slice(0, 30).map((e) => (
              <li key={e.id}>
                <button type="button" className="flex w-full min-w-0 items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-50"
                  onClick={() => setPick({ type: 'event', index: data.events.findIndex((x) => x.id === e.id) })}>
                  <i className={`inline-block h-2 w-2 shrink-0 rounded-full ${DOT[e.severity]}`} />
                  <span className="shrink-0 text-xs text-slate-500">{new Date(e.at).toLocaleTimeString()}</span>
                  <span className="min-w-0 truncate">{e.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </AppShell>
  );
}
