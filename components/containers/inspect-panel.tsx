'use client';
// The raw inspect document as a folding tree: search opens every branch holding a match (key or
// value, case-insensitive) and marks it; Copy puts the whole document on the clipboard as JSON.
import { useMemo, useState } from 'react';
import { useInspectQuery } from './queries';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function matches(v: Json, q: string): boolean {
  if (v === null || typeof v !== 'object') return String(v).toLowerCase().includes(q);
  return Object.entries(v).some(([k, x]) => k.toLowerCase().includes(q) || matches(x, q));
}

function countMatches(v: Json, q: string): number {
  if (v === null || typeof v !== 'object') return String(v).toLowerCase().includes(q) ? 1 : 0;
  return Object.entries(v).reduce((n, [k, x]) => n + (k.toLowerCase().includes(q) ? 1 : 0) + countMatches(x, q), 0);
}

function Leaf({ v, q }: { v: Json; q: string }) {
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  const hit = q !== '' && text.toLowerCase().includes(q);
  const colour = typeof v === 'string' ? 'text-emerald-800' : typeof v === 'number' ? 'text-indigo-700' : 'text-amber-700';
  return <span className={`${colour} ${hit ? 'bg-yellow-200' : ''}`} data-match={hit ? '1' : undefined}>{text}</span>;
}

function Node({ name, v, q, depth }: { name: string; v: Json; q: string; depth: number }) {
  const keyHit = q !== '' && name.toLowerCase().includes(q);
  const key = <span className={`text-slate-600 ${keyHit ? 'bg-yellow-200' : ''}`} data-match={keyHit ? '1' : undefined}>{name}</span>;
  if (v === null || typeof v !== 'object') return <div className="pl-4">{key}: <Leaf v={v} q={q} /></div>;
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  const open = q !== '' ? keyHit || matches(v, q) : depth < 1;
  return (
    <details open={open} className="pl-4" key={`${q}:${open}`}>
      <summary className="cursor-pointer select-none">
        {key} <span className="text-slate-400">{Array.isArray(v) ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </summary>
      {entries.map(([k, x]) => <Node key={k} name={k} v={x as Json} q={q} depth={depth + 1} />)}
    </details>
  );
}

export function InspectPanel({ id }: { id: string }) {
  const q = useInspectQuery(id);
  const [search, setSearch] = useState('');
  const [copied, setCopied] = useState(false);
  const needle = search.trim().toLowerCase();
  const count = useMemo(() => (q.data && needle ? countMatches(q.data as Json, needle) : 0), [q.data, needle]);
  if (q.isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (q.isError) return <p className="text-sm text-rose-600">{q.error.message}</p>;
  const doc = q.data as { [k: string]: Json };
  const copy = async () => {
    await navigator.clipboard.writeText(JSON.stringify(doc, null, 2));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="space-y-3" data-testid="inspect-panel">
      <div className="flex items-center gap-2">
        <input aria-label="Search inspect" placeholder="Search keys and values" className="w-72 rounded border px-2 py-1 text-sm" value={search} onChange={(e) => setSearch(e.target.value)} />
        {needle ? <span className="text-xs text-slate-500" data-testid="inspect-matches">{count} {count === 1 ? 'match' : 'matches'}</span> : null}
        <button className="btn ml-auto" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy JSON'}</button>
      </div>
      <div className="overflow-x-auto font-mono text-xs leading-5">
        {Object.entries(doc).map(([k, v]) => <Node key={k} name={k} v={v} q={needle} depth={0} />)}
      </div>
    </div>
  );
}
