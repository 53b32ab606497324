'use client';
// The side panel of a picked marker (the event, its detail, the logs ±30 s around it) or of a picked
// error-rate bar (the count, the logs of that service around that minute).
import Link from 'next/link';
import type { TimelineEvent } from '@/server/contract';
import { logsHref, type Lane } from './lanes';

const SEVERITY = { critical: 'bg-rose-100 text-rose-700', warning: 'bg-amber-100 text-amber-800', info: 'bg-indigo-50 text-indigo-700' };

function Value({ v }: { v: unknown }) {
  return <span className="break-all font-mono">{typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}</span>;
}

export function EventPanel({ event, onClose }: { event: TimelineEvent; onClose: () => void }) {
  const href = logsHref({ container: event.container, project: event.project, service: event.service }, Date.parse(event.at));
  return (
    <aside className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="event-panel">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <span className={`rounded px-1.5 py-0.5 text-xs ${SEVERITY[event.severity]}`}>{event.severity}</span>
          <span className="ml-2 font-mono text-xs text-slate-600" data-testid="event-kind">{event.kind}</span>
        </div>
        <button type="button" className="text-slate-500 hover:text-slate-800" onClick={onClose} aria-label="Close">✕</button>
      </div>
      <p className="break-words font-medium text-slate-900">{event.summary}</p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">When</dt><dd>{new Date(event.at).toLocaleString()}</dd>
        <dt className="text-slate-500">Where</dt><dd className="break-all">{[event.env, event.project, event.service, event.container].filter(Boolean).join(' / ')}</dd>
        {Object.entries(event.detail ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => (
          <div key={k} className="contents"><dt className="text-slate-500">{k}</dt><dd><Value v={v} /></dd></div>
        ))}
      </dl>
      <div className="flex flex-wrap gap-3">
        {href && <Link href={href} className="text-indigo-600 hover:underline" data-testid="event-logs-link">Logs ±30 s</Link>}
        {event.project && <Link href={`/timeline?project=${encodeURIComponent(event.project)}`} className="text-indigo-600 hover:underline">Stack timeline</Link>}
      </div>
    </aside>
  );
}

export function RatePanel({ lane, minute, count, onClose }: { lane: Lane; minute: number; count: number; onClose: () => void }) {
  const href = logsHref({ project: lane.project, service: lane.service }, minute, minute + 60_000);
  return (
    <aside className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="rate-panel">
      <div className="flex justify-between gap-2">
        <span className="font-medium">{count} error line{count === 1 ? '' : 's'}</span>
        <button type="button" className="text-slate-500 hover:text-slate-800" onClick={onClose} aria-label="Close">✕</button>
      </div>
      <p className="text-xs text-slate-600">{lane.label}, the minute from {new Date(minute).toLocaleTimeString()}</p>
      {href && <Link href={href} className="text-indigo-600 hover:underline">Logs of that minute ±30 s</Link>}
    </aside>
  );
}
