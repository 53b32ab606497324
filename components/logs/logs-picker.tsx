'use client';
// /logs without a target: every service (merged view of its replicas) and every container.
import Link from 'next/link';
import { AppShell } from '../app-shell';
import { useStacksQuery } from '../queries';

export function LogsPicker() {
  const stacks = useStacksQuery();
  return (
    <AppShell title="Logs">
      <p className="mb-4 text-sm text-slate-600">Pick a whole stack or a service to follow its containers merged by time, or a single container.</p>
      {stacks.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {(stacks.data ?? []).map((s) => (
          <section key={s.name} className="card p-4" data-testid="logs-stack">
            <h2 className="mb-2 flex items-baseline justify-between gap-2 font-semibold text-slate-800">
              {s.standalone ? 'Standalone containers' : s.name}
              {!s.standalone ? <Link className="text-xs font-normal text-indigo-700 hover:underline" href={`/logs?project=${encodeURIComponent(s.name)}`} data-testid="logs-whole-stack">whole stack, merged</Link> : null}
            </h2>
            <ul className="space-y-1.5 text-sm">
              {s.services.map((svc) => (
                <li key={svc.name} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  {!s.standalone ? (
                    <Link className="font-medium text-indigo-700 hover:underline" href={`/logs?project=${encodeURIComponent(s.name)}&service=${encodeURIComponent(svc.name)}`}>{svc.name}</Link>
                  ) : null}
                  {svc.containers.map((c) => (
                    <Link key={c.id} className="font-mono text-xs text-slate-600 hover:text-indigo-700 hover:underline" href={`/logs?container=${c.id}`}>{c.name}</Link>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </AppShell>
  );
}
