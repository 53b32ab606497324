'use client';
// Downloads: what the page shows (built in the browser), a time range (streamed by the server), and
// the lines behind a skip marker (fetched as JSON lines and merged by time).
import { nanosToTs, rfc3339ToNanos, type LogLine } from '@/server/contract';
import type { Row } from './log-store';
import { stripAnsi } from './ansi';
import { withEnv } from '../environment';

export function saveText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function rowsAsText(rows: Row[], names: string[], timestamps: boolean, multi: boolean): string {
  const out: string[] = [];
  for (const r of rows) {
    if (r.kind !== 'line') continue;
    out.push(`${timestamps ? r.ts + ' ' : ''}${multi ? (names[r.c] ?? '?') + ' ' : ''}${stripAnsi(r.text)}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** Lines of several containers in a time range, merged by timestamp. */
export async function fetchRange(containerIds: string[], sinceExclusive: string | null, until: string | null, grep?: string): Promise<LogLine[]> {
  const lists = await Promise.all(containerIds.map(async (id) => {
    const p = new URLSearchParams({ format: 'jsonl' });
    if (sinceExclusive) p.set('since', sinceExclusive);
    if (until) p.set('until', until);
    if (grep) p.set('grep', grep);
    const res = await fetch(withEnv(`/api/containers/${encodeURIComponent(id)}/logs?${p}`), { credentials: 'same-origin' });
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
    return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  }));
  return lists.flat().sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

/** The instant just before a timestamp: `since` is exclusive, a skip range starts inclusive. */
export function justBefore(ts: string): string {
  const ns = rfc3339ToNanos(ts);
  return ns === null ? ts : nanosToTs(ns - 1n);
}
