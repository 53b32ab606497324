'use client';
import { AppShell } from './app-shell';
import { useAuditQuery } from './queries';

const resultTone = { ok: 'text-emerald-700', denied: 'text-amber-700', failed: 'text-rose-700' } as const;

export function AuditLogView() {
  const q = useAuditQuery(300);
  return (
    <AppShell title="Audit log" actions={<button className="btn" onClick={() => q.refetch()}>Refresh</button>}>
      <div className="card overflow-hidden">
        <table className="w-full" data-testid="audit-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr><th className="th">Time</th><th className="th">User</th><th className="th">Action</th><th className="th">Target</th><th className="th">Result</th><th className="th">Detail</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(q.data ?? []).map((e) => (
              <tr key={e.id}>
                <td className="td whitespace-nowrap text-xs text-slate-600">{new Date(e.at).toLocaleString()}</td>
                <td className="td text-sm">{e.username ?? '—'}</td>
                <td className="td font-mono text-xs">{e.action}</td>
                <td className="td text-sm">{e.target ?? ''}</td>
                <td className={`td text-xs font-semibold ${resultTone[e.result]}`}>{e.result}</td>
                <td className="td max-w-md truncate font-mono text-xs text-slate-500" title={e.detail ?? ''}>{e.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {q.data?.length === 0 ? <p className="p-4 text-sm text-slate-500">Nothing recorded yet.</p> : null}
      </div>
    </AppShell>
  );
}
