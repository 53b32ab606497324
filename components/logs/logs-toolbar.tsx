'use client';
// Search (plain or regex) with match count and next/previous, filter mode, follow, timestamps, wrap,
// history size, replica choice in merged views, and downloads (what is shown, or a time range).
import { useState } from 'react';
import type { Row } from './log-store';
import { fetchRange, rowsAsText, saveText } from './download';

export interface ViewOptions {
  q: string;
  regex: boolean;
  filter: boolean;
  timestamps: boolean;
  wrap: boolean;
  only: string;
  tail: number | 'all';
}

interface Props {
  opts: ViewOptions;
  setOpts: (o: Partial<ViewOptions>) => void;
  searchError: string | null;
  matchCount: number;
  current: number;
  onJump: (dir: 1 | -1) => void;
  follow: boolean;
  onFollow: () => void;
  containers: { id: string; name: string }[];
  multi: boolean;
  visible: Row[];
  names: string[];
  onClear: () => void;
}

function Toggle({ on, onClick, children, title, testId }: { on: boolean; onClick: () => void; children: React.ReactNode; title: string; testId?: string }) {
  return (
    <button type="button" title={title} aria-pressed={on} data-testid={testId} onClick={onClick}
      className={`rounded-md border px-2.5 py-1.5 text-xs font-medium ${on ? 'border-indigo-300 bg-indigo-50 text-indigo-700' : 'border-slate-300 bg-white text-slate-600 hover:bg-slate-50'}`}>
      {children}
    </button>
  );
}

export function LogsToolbar(p: Props) {
  const { opts, setOpts } = p;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const downloadShown = () => saveText(`logs-${Date.now()}.log`, rowsAsText(p.visible, p.names, opts.timestamps, p.multi));
  const downloadRange = async () => {
    const since = from ? new Date(from).toISOString() : null;
    const until = to ? new Date(to).toISOString() : null;
    const ids = opts.only ? [opts.only] : p.containers.map((c) => c.id);
    setBusy('Downloading…');
    try {
      const lines = await fetchRange(ids, since, until);
      const name = (id: string) => p.containers.find((c) => c.id === id)?.name ?? id.slice(0, 12);
      saveText(`logs-range-${Date.now()}.log`, lines.map((l) => `${l.ts} ${p.multi ? name(l.containerId) + ' ' : ''}${l.text}`).join('\n') + '\n');
      setBusy(null);
    } catch (e) {
      setBusy(`Download failed: ${(e as Error).message}`);
    }
  };

  return (
    <div className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative">
          <input
            className={`input w-80 pr-8 font-mono ${p.searchError ? 'border-rose-400' : ''}`}
            placeholder={opts.regex ? 'Regular expression…' : 'Search…'}
            aria-label="Search logs"
            value={opts.q}
            onChange={(e) => setOpts({ q: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') p.onJump(e.shiftKey ? -1 : 1);
            }}
          />
        </div>
        <Toggle on={opts.regex} onClick={() => setOpts({ regex: !opts.regex })} title="Regular expression" testId="toggle-regex">.*</Toggle>
        <Toggle on={opts.filter} onClick={() => setOpts({ filter: !opts.filter })} title="Show only matching lines" testId="toggle-filter">Filter</Toggle>
        <span className="min-w-[5.5rem] text-xs text-slate-600" data-testid="match-count">
          {p.searchError ? <span className="text-rose-600">bad pattern</span> : opts.q ? `${p.current >= 0 ? p.current + 1 : 0} / ${p.matchCount.toLocaleString()} matches` : ''}
        </span>
        <button className="btn" onClick={() => p.onJump(-1)} disabled={p.matchCount === 0} aria-label="Previous match">↑</button>
        <button className="btn" onClick={() => p.onJump(1)} disabled={p.matchCount === 0} aria-label="Next match">↓</button>
        <div className="ml-auto flex items-center gap-2">
          <Toggle on={p.follow} onClick={p.onFollow} title="Follow new lines" testId="toggle-follow">{p.follow ? '● Following' : '❚❚ Paused'}</Toggle>
          <Toggle on={opts.timestamps} onClick={() => setOpts({ timestamps: !opts.timestamps })} title="Show timestamps" testId="toggle-timestamps">Timestamps</Toggle>
          <Toggle on={opts.wrap} onClick={() => setOpts({ wrap: !opts.wrap })} title="Wrap long lines" testId="toggle-wrap">Wrap</Toggle>
          <button className="btn" onClick={p.onClear} title="Clear the buffer (the stream goes on)">Clear</button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <label className="flex items-center gap-1.5 whitespace-nowrap">History
          <select className="input w-36 py-1 text-xs" aria-label="History" value={String(opts.tail)} onChange={(e) => setOpts({ tail: e.target.value === 'all' ? 'all' : Number(e.target.value) })}>
            {[100, 500, 1000, 10000, 100000].map((n) => <option key={n} value={n}>last {n.toLocaleString()}</option>)}
            <option value="all">everything</option>
          </select>
        </label>
        {p.multi ? (
          <label className="flex items-center gap-1.5 whitespace-nowrap">Replica
            <select className="input w-56 py-1 text-xs" aria-label="Replica" value={opts.only} onChange={(e) => setOpts({ only: e.target.value })}>
              <option value="">all ({p.containers.length})</option>
              {p.containers.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
        ) : null}
        <span className="ml-auto flex min-w-0 flex-wrap items-center gap-1.5">
          <button className="btn whitespace-nowrap" onClick={downloadShown} data-testid="download-shown">Download shown</button>
          <span className="whitespace-nowrap pl-2 text-slate-400">or time range</span>
          <input type="datetime-local" step="1" className="input w-full py-1 text-xs sm:w-52" aria-label="Range start" value={from} onChange={(e) => setFrom(e.target.value)} />
          <span>–</span>
          <input type="datetime-local" step="1" className="input w-full py-1 text-xs sm:w-52" aria-label="Range end" value={to} onChange={(e) => setTo(e.target.value)} />
          <button className="btn whitespace-nowrap" onClick={downloadRange} data-testid="download-range">Download range</button>
          {busy ? <span className="text-slate-500">{busy}</span> : null}
        </span>
      </div>
    </div>
  );
}
