'use client';
// One row of the log list: timestamp, container chip (merged views), the text with ANSI colours and
// search highlights, stderr and level tints; JSON lines fold open into a pretty view.
import { memo, type ReactNode } from 'react';
import { Ansi } from './ansi';
import type { Row } from './log-store';
import { splitMatches } from './search';
import { logLevelOf } from '@/server/contract/log-level';

const CHIP = ['text-sky-300', 'text-emerald-300', 'text-fuchsia-300', 'text-amber-300', 'text-cyan-300', 'text-rose-300', 'text-lime-300', 'text-violet-300'];

const jsonCache = new WeakMap<Row, Record<string, unknown> | null>();
export function jsonOf(row: Row): Record<string, unknown> | null {
  if (row.kind !== 'line') return null;
  // Most lines are not JSON: skip the trim and the cache for anything without a brace.
  if (!row.text.includes('{')) return null;
  const cached = jsonCache.get(row);
  if (cached !== undefined) return cached;
  let v: Record<string, unknown> | null = null;
  const t = row.text.trim();
  if (t.startsWith('{') && t.endsWith('}')) {
    try {
      const parsed = JSON.parse(t);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) v = parsed;
    } catch {
      /* not JSON after all */
    }
  }
  jsonCache.set(row, v);
  return v;
}

export interface RowOptions {
  timestamps: boolean;
  wrap: boolean;
  multi: boolean;
  names: string[];
  /** colour slot per container (one per service in a merged view) */
  colours: number[];
}

interface Props {
  row: Row;
  opts: RowOptions;
  re: RegExp | null;
  current: boolean;
  expanded: boolean;
  onToggle: (row: Row) => void;
  onLoadSkip: (row: Row) => void;
}

export const LogRow = memo(function LogRow({ row, opts, re, current, expanded, onToggle, onLoadSkip }: Props) {
  if (row.kind === 'skip') {
    return (
      <div className="flex h-5 items-center gap-3 border-y border-amber-500/30 bg-amber-500/10 px-3 text-amber-200" data-testid="skip-row">
        <span>⋯ {row.count.toLocaleString()} lines skipped while this view fell behind ({time(row.fromTs)} – {time(row.toTs)})</span>
        <button className="rounded border border-amber-400/40 px-2 text-[11px] leading-[14px] hover:bg-amber-400/20" disabled={row.loading} onClick={() => onLoadSkip(row)}>
          {row.loading ? 'Loading…' : 'Load them'}
        </button>
      </div>
    );
  }
  if (row.kind === 'status') {
    // a clean exit (code 0) is the end of a job, not an error
    const clean = row.state === 'ended' && row.exitCode === 0;
    const tone = clean ? 'text-slate-300 border-slate-500/30 bg-slate-500/10' : row.state === 'ended' ? 'text-rose-300 border-rose-500/30 bg-rose-500/10' : row.state === 'reconnecting' ? 'text-amber-200 border-amber-500/30 bg-amber-500/10' : 'text-emerald-300 border-emerald-500/30 bg-emerald-500/10';
    return (
      <div className={`flex h-5 items-center truncate border-y px-3 leading-4 ${tone}`} data-testid="status-row" data-clean={clean ? 'true' : undefined}>
        ── {opts.names[row.c] ?? 'container'}: {row.message}
      </div>
    );
  }
  const json = jsonOf(row);
  // the one level detector (the error-rate counter and alerts read lines the same way)
  const level = logLevelOf(row.text);
  const mark = (s: string, key: string): ReactNode => {
    if (!re || !s) return s;
    const parts = splitMatches(s, re);
    if (parts.length === 1) return s;
    return parts.map((p, i) => (i % 2 === 1 ? <mark key={`${key}${i}`} className={current ? 'rounded-sm bg-orange-400 text-slate-950' : 'rounded-sm bg-yellow-300/90 text-slate-950'}>{p}</mark> : p));
  };
  const tint = level === 'error' ? 'border-l-rose-400/70 bg-rose-500/[0.05]' : level === 'warn' ? 'border-l-amber-400/70 bg-amber-400/[0.05]' : 'border-l-transparent';
  const textTone = level === 'debug' ? 'text-slate-400' : level === 'error' ? 'text-rose-100' : level === 'warn' ? 'text-amber-100' : 'text-slate-200';
  // An unwrapped row is one line of inline text (no flexbox): a scroll frame that brings in a screen
  // of new rows lays each out in one pass. Wrapped rows and unfolded JSON use a flex row so the
  // continuation lines hang under the text.
  const flat = !opts.wrap && !expanded;
  const gap = flat ? 'mr-3' : '';
  return (
    <div className={`${flat ? 'h-5 overflow-clip whitespace-pre' : 'flex gap-3'} border-l-2 px-3 hover:bg-white/[0.04] ${tint} ${current ? 'bg-orange-400/10' : ''}`} data-testid="log-line" data-stream={row.err ? 'stderr' : 'stdout'}>
      {opts.timestamps ? <span className={`${gap} shrink-0 select-none text-slate-500`} title={row.ts}>{time(row.ts)}</span> : null}
      {opts.multi ? <span className={`${gap} ${flat ? 'inline-block align-top' : ''} w-28 shrink-0 truncate ${CHIP[(opts.colours[row.c] ?? row.c) % CHIP.length]}`} title={opts.names[row.c]} data-testid="line-tag">{opts.names[row.c] ?? '?'}</span> : null}
      {/* stderr is a stream, not a level (nginx writes its notices there): marked quietly, tinted by level only */}
      {row.err ? <span className={`${gap} shrink-0 select-none text-[10px] leading-5 text-slate-500`} title="written to stderr">stderr</span> : null}
      {json ? (
        flat ? (
          <span className={textTone}>
            <button className="mr-1 select-none text-slate-500 hover:text-slate-200" onClick={() => onToggle(row)} aria-label="Unfold JSON">▸</button>
            <JsonSummary json={json} mark={mark} wrap={false} />
          </span>
        ) : (
          <div className={`min-w-0 flex-1 ${textTone}`}>
            <button className="mr-1 select-none text-slate-500 hover:text-slate-200" onClick={() => onToggle(row)} aria-label={expanded ? 'Fold JSON' : 'Unfold JSON'}>{expanded ? '▾' : '▸'}</button>
            {expanded ? <pre className="whitespace-pre-wrap break-all">{mark(JSON.stringify(json, null, 2), 'j')}</pre> : <JsonSummary json={json} mark={mark} wrap={opts.wrap} />}
          </div>
        )
      ) : flat ? (
        <span className={textTone}>
          <Ansi text={row.text} mark={mark} />
        </span>
      ) : (
        <span className={`min-w-0 flex-1 ${textTone} whitespace-pre-wrap break-all`}>
          <Ansi text={row.text} mark={mark} />
        </span>
      )}
    </div>
  );
});

function JsonSummary({ json, mark, wrap }: { json: Record<string, unknown>; mark: (s: string, k: string) => ReactNode; wrap: boolean }) {
  const entries = Object.entries(json);
  return (
    <span className={wrap ? 'whitespace-pre-wrap break-all' : 'whitespace-pre'}>
      {entries.map(([k, v], i) => (
        <span key={k}>
          <span className="text-sky-300">{mark(k, `k${i}`)}</span>
          <span className="text-slate-500">=</span>
          <span className={typeof v === 'string' ? 'text-emerald-200' : 'text-violet-300'}>{mark(typeof v === 'string' ? v : JSON.stringify(v), `v${i}`)}</span>
          {i < entries.length - 1 ? ' ' : ''}
        </span>
      ))}
    </span>
  );
}

// "Nov 23 01:52" per minute of a timestamp, in local time. Formatting a date through Intl costs
// tens of microseconds, which a scroll frame of fresh rows used to pay per row; zones are whole
// minutes off UTC, so seconds and milliseconds are copied from the timestamp itself.
const minutePrefix = new Map<string, string>();
const dayFormat = typeof Intl === 'undefined' ? null : new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit' });

function time(ts: string): string {
  if (!ts) return '';
  const minute = ts.slice(0, 16);
  let prefix = minutePrefix.get(minute);
  if (prefix === undefined) {
    const d = new Date(minute + ':00Z');
    if (Number.isNaN(d.getTime())) return ts;
    if (minutePrefix.size > 10_000) minutePrefix.clear();
    prefix = `${dayFormat ? dayFormat.format(d) : d.toDateString().slice(4, 10)} ${d.toTimeString().slice(0, 5)}`;
    minutePrefix.set(minute, prefix);
  }
  // RFC 3339 with nanoseconds drops trailing zeros (".5Z", or no fraction at all).
  const ms = ts.charCodeAt(19) === 46 ? ts.slice(20, 23).replace('Z', '').padEnd(3, '0') : '000';
  return `${prefix}:${ts.slice(17, 19)}.${ms}`;
}

