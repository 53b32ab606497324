'use client';
// A stack's last few events, on its page; the whole story is on its timeline.
import Link from 'next/link';
import { useEventsLive } from './live';
import { useEventsQuery } from './queries';

const DOT = { critical: 'bg-rose-600', warning: 'bg-amber-600', info: 'bg-indigo-600' };

export function RecentEvents({ project }: { project: string }) {
  const events = useEventsQuery({ project, since: '7d' }, 8);
  useEventsLive();
  return (
    <section>
      <div className="mb-2 flex items-center gap-3">
        <h2 className="font-semibold">Recent events</h2>
        <Link href={`/timeline?project=${encodeURIComponent(project)}`} className="text-sm text-indigo-600">Timeline →</Link>
      </div>
      <ul className="space-y-1 text-sm" data-testid="recent-events">
        {events.data?.length === 0 && <li className="text-slate-500">Nothing in the last 7 days.</li>}
        {events.data?.map((e) => (
          <li key={e.id} className="flex min-w-0 items-center gap-2">
            <i className={`inline-block h-2 w-2 shrink-0 rounded-full ${DOT[e.severity]}`} />
            <span className="shrink-0 text-xs text-slate-500">{new Date(e.at).toLocaleString()}</span>
            <span className="min-w-0 truncate">{e.summary}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
