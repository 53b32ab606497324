'use client';
// Probe results of a container: the latest of each probe with its history as a strip of dots.
import type { ProbeResult } from '@/server/contract';

export function ProbeDots({ probes }: { probes: ProbeResult[] }) {
  if (probes.length === 0) return <span className="text-xs text-slate-400">—</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {probes.map((p) => (
        <span key={p.name} title={`${p.url} → ${p.statusCode ?? 'no answer'}${p.error ? `: ${p.error}` : ''}`}
          className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${p.ok ? 'bg-emerald-50 text-emerald-700' : 'bg-rose-50 text-rose-700'}`}>
          {p.name} {p.statusCode ?? '×'}
        </span>
      ))}
    </div>
  );
}

export function ProbePanel({ probes, history }: { probes: ProbeResult[]; history: Record<string, ProbeResult[]> }) {
  return (
    <table className="w-full" data-testid="probes">
      <thead>
        <tr><th className="th">Probe</th><th className="th">URL</th><th className="th">Last result</th><th className="th">Latency</th><th className="th">Status field</th><th className="th">History (oldest → newest)</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {probes.map((p) => (
          <tr key={p.name} data-testid="probe-row" data-probe={p.name} data-ok={String(p.ok)}>
            <td className="td font-medium">{p.name}</td>
            <td className="td font-mono text-xs text-slate-600">{p.url}</td>
            <td className={`td text-xs font-semibold ${p.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
              {p.ok ? 'ok' : 'failing'} · {p.statusCode ?? 'no answer'}
              {p.error ? <div className="max-w-xs truncate font-mono font-normal text-rose-600" title={p.error}>{p.error}</div> : null}
              <div className="font-normal text-slate-400">{new Date(p.at).toLocaleTimeString()}</div>
            </td>
            <td className="td text-xs tabular-nums">{p.latencyMs !== null ? `${p.latencyMs} ms` : '—'}</td>
            <td className="td font-mono text-xs">{p.status ?? '—'}</td>
            <td className="td">
              <div className="flex flex-wrap gap-0.5">
                {(history[p.name] ?? []).map((h) => (
                  <span key={h.at} title={`${new Date(h.at).toLocaleTimeString()} · ${h.statusCode ?? 'no answer'}${h.latencyMs !== null ? ` · ${h.latencyMs} ms` : ''}${h.error ? ` · ${h.error}` : ''}`}
                    className={`inline-block h-3 w-1.5 rounded-sm ${h.ok ? 'bg-emerald-400' : 'bg-rose-500'}`} />
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
