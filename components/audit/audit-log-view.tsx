'use client';
// The audit log: filter by user, action, target, result and time, search, load older pages, export
// what is shown as CSV or JSON lines, and details as readable key/value lines instead of cut JSON.
import { useEffect, useState } from 'react';
import type { AuditEntry, AuditFilters } from '@/server/contract';
import { AppShell } from '../app-shell';
import { withEnv } from '../environment';
import { useEnvironmentsQuery } from '../queries';
import { auditSearch, useAuditPages } from './queries';

const resultTone = { ok: 'text-emerald-700', denied: 'text-amber-700', failed: 'text-rose-700' } as const;
const EMPTY: AuditFilters = {};

export function AuditLogView() {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  // typing narrows the list after a short pause, not per keystroke
  useEffect(() => {
    const t = setTimeout(() => setFilters(draft), 300);
    return () => clearTimeout(t);
  }, [draft]);
  const q = useAuditPages(filters);
  const rows = q.data?.pages.flat() ?? [];
  // What is typed but not yet applied: the rows shown belong to the previous filters, so "load older" waits
  // (a click would page through the list that is about to be replaced) and the table says it is busy.
  const settling = draft !== filters;
  const busy = settling || (q.isFetching && !q.isFetchingNextPage);
  // the environment column only says something when there is more than one
  const showEnv = (useEnvironmentsQuery().data?.length ?? 0) > 1;
  const set = (k: keyof AuditFilters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [k]: e.target.value || undefined }));
  const toIso = (v: string | undefined) => (v ? new Date(v).toISOString() : undefined);
  const exportHref = (format: 'csv' | 'jsonl') => withEnv(`/api/audit/export?${auditSearch({ ...filters, format })}`);

  return (
    <AppShell
      title="Audit log"
      actions={
        <div className="flex gap-2">
          <a className="btn" href={exportHref('csv')} data-testid="audit-export-csv">Export CSV</a>
          <a className="btn" href={exportHref('jsonl')} data-testid="audit-export-jsonl">Export JSON lines</a>
        </div>
      }
    >
      <div className="card mb-3 grid grid-cols-1 gap-2 p-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="audit-filters">
        <input className="input" placeholder="Search" aria-label="Search" value={draft.q ?? ''} onChange={set('q')} />
        <input className="input" placeholder="User" aria-label="User" value={draft.user ?? ''} onChange={set('user')} />
        <input className="input" placeholder="Action, or a family: stack." aria-label="Action" value={draft.action ?? ''} onChange={set('action')} />
        <input className="input" placeholder="Target contains" aria-label="Target" value={draft.target ?? ''} onChange={set('target')} />
        <select className="input" aria-label="Result" value={draft.result ?? ''} onChange={set('result')}>
          <option value="">Any result</option>
          <option value="ok">ok</option>
          <option value="denied">denied</option>
          <option value="failed">failed</option>
        </select>
        <label className="flex items-center gap-2 text-xs text-slate-500">From
          <input className="input" type="datetime-local" aria-label="From" onChange={(e) => setDraft((d) => ({ ...d, since: toIso(e.target.value) }))} />
        </label>
        <label className="flex items-center gap-2 text-xs text-slate-500">To
          <input className="input" type="datetime-local" aria-label="To" onChange={(e) => setDraft((d) => ({ ...d, until: toIso(e.target.value) }))} />
        </label>
        <button className="btn" onClick={() => setDraft(EMPTY)} disabled={Object.values(draft).every((v) => !v)}>Clear filters</button>
      </div>
      {q.isError ? <p className="mb-3 text-sm text-rose-600">{q.error.message}</p> : null}
      <div className="card overflow-x-auto">
        <table className={`w-full ${busy ? 'opacity-60' : ''}`} data-testid="audit-table" aria-busy={busy}>
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr><th className="th">Time</th><th className="th">User</th><th className="th">Action</th><th className="th">Target</th><th className="th">Result</th>{showEnv ? <th className="th">Environment</th> : null}<th className="th">Detail</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((e) => (
              <tr key={e.id} data-testid="audit-row" className="align-top">
                <td className="td whitespace-nowrap text-xs text-slate-600">{new Date(e.at).toLocaleString()}</td>
                <td className="td text-sm">{e.username ?? '—'}</td>
                <td className="td font-mono text-xs">{e.action}</td>
                <td className="td max-w-[16rem] break-all text-sm">{e.target ?? ''}</td>
                <td className={`td text-xs font-semibold ${resultTone[e.result]}`}>{e.result}</td>
                {showEnv ? <td className="td text-xs" data-testid="audit-env">{e.env ?? '—'}</td> : null}
                <td className="td max-w-md text-xs text-slate-600"><Detail entry={e} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {q.isSuccess && rows.length === 0 ? <p className="p-4 text-sm text-slate-500">{Object.values(filters).some(Boolean) ? 'Nothing matches these filters.' : 'Nothing recorded yet.'}</p> : null}
        {q.hasNextPage ? (
          <div className="border-t border-slate-100 p-3 text-center">
            <button className="btn" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage || settling} data-testid="audit-more">
              {q.isFetchingNextPage ? 'Loading…' : `Load older entries (${rows.length} shown)`}
            </button>
          </div>
        ) : null}
      </div>
    </AppShell>
  );
}

/** A JSON detail as `key: value` lines (nested values compact); plain text as it is. */
function Detail({ entry }: { entry: AuditEntry }) {
  if (!entry.detail) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.detail);
  } catch {
    return <span className="whitespace-pre-wrap break-words">{entry.detail}</span>;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return <span className="font-mono">{entry.detail}</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5" data-testid="audit-detail">
      {Object.entries(parsed as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className="break-all font-mono text-slate-700">{v == null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
