'use client';
// The log page: one container or a whole service (merged by time), streamed into a ring buffer and
// shown through a virtualized list (the DOM holds only the rows on screen). Follow mode pauses when
// the operator scrolls up; search highlights and counts, filter mode shows only matches; the view's
// options live in the URL so a link reproduces it.
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AppShell } from '../app-shell';
import { LogStore, type Row } from './log-store';
import type { RowOptions } from './log-row';
import { LogList, type LogListApi } from './log-list';
import { compileSearch, rowMatches } from './search';
import { useLogStream, type LogTarget } from './use-log-stream';
import { colourSlots, tagOf } from './container-labels';
import { LogsToolbar, type ViewOptions } from './logs-toolbar';
import { fetchRange, justBefore } from './download';
import { LogsPicker } from './logs-picker';

export interface LogsParams {
  container?: string;
  project?: string;
  service?: string;
  q?: string;
  re?: string;
  filter?: string;
  ts?: string;
  wrap?: string;
  tail?: string;
  buffer?: string;
  only?: string;
  /** a window around a moment (the timeline's ±30 s links): lines after `since`, none after `until` */
  since?: string;
  until?: string;
}

function targetOf(p: LogsParams): LogTarget | null {
  if (p.container) return { containerId: p.container };
  if (p.project) return p.service ? { project: p.project, service: p.service } : { project: p.project };
  return null;
}

/** The `since`/`until` of the URL, when `since` is a time the browser can read. */
function windowOf(p: LogsParams): { since: string; until?: string } | undefined {
  if (!p.since || Number.isNaN(Date.parse(p.since))) return undefined;
  return { since: new Date(p.since).toISOString(), until: p.until && !Number.isNaN(Date.parse(p.until)) ? new Date(p.until).toISOString() : undefined };
}

function liveHref(p: LogsParams): string {
  const q = new URLSearchParams(Object.entries(p).filter(([k, v]) => typeof v === 'string' && k !== 'since' && k !== 'until') as [string, string][]);
  return `/logs?${q.toString()}`;
}

export function LogsView({ initial }: { initial: LogsParams }) {
  const target = useMemo(() => targetOf(initial), [initial]);
  if (!target) return <LogsPicker />;
  return <LogsPanel initial={initial} target={target} />;
}

function LogsPanel({ initial, target }: { initial: LogsParams; target: LogTarget }) {
  const [opts, setOpts] = useState<ViewOptions>(() => ({
    q: initial.q ?? '',
    regex: initial.re === '1',
    filter: initial.filter === '1',
    timestamps: initial.ts !== '0',
    wrap: initial.wrap === '1',
    only: initial.only ?? '',
    tail: initial.tail === 'all' ? 'all' : Math.min(1_000_000, Math.max(0, Number(initial.tail ?? 500) || 0)),
  }));
  const capacity = Math.min(1_000_000, Math.max(1000, Number(initial.buffer ?? 100_000) || 100_000));
  // A new history size starts a fresh buffer (and so a fresh subscription).
  const store = useMemo(() => new LogStore(capacity), [capacity, opts.tail]); // eslint-disable-line react-hooks/exhaustive-deps
  const [version, setVersion] = useState(0);
  const raf = useRef(0);
  // Redraw at most once a frame; with a big buffer (a long history arriving) at most 4 times a
  // second, so the list is not re-laid out for every batch of a million-line load.
  const bump = useCallback(() => {
    if (raf.current) return;
    const draw = () => {
      raf.current = 0;
      setVersion(store.version);
    };
    raf.current = store.rows.length > 50_000 ? (setTimeout(() => requestAnimationFrame(draw), 250) as unknown as number) : requestAnimationFrame(draw);
  }, [store]);
  const range = useMemo(() => windowOf(initial), [initial]);
  const stream = useLogStream(target, opts.tail, store, bump, range);
  const multi = !('containerId' in target);

  // The URL mirrors the view: a copied link reproduces it.
  useEffect(() => {
    const p = new URLSearchParams();
    if ('containerId' in target) p.set('container', target.containerId);
    else {
      p.set('project', target.project);
      if (target.service) p.set('service', target.service);
    }
    if (opts.q) p.set('q', opts.q);
    if (opts.regex) p.set('re', '1');
    if (opts.filter) p.set('filter', '1');
    if (!opts.timestamps) p.set('ts', '0');
    if (opts.wrap) p.set('wrap', '1');
    if (opts.only) p.set('only', opts.only);
    if (opts.tail !== 500) p.set('tail', String(opts.tail));
    if (capacity !== 100_000) p.set('buffer', String(capacity));
    if (range) {
      p.set('since', range.since);
      if (range.until) p.set('until', range.until);
    }
    window.history.replaceState(window.history.state, '', `/logs?${p}`);
  }, [opts, target, capacity, range]);

  const [debouncedQ, setDebouncedQ] = useState(opts.q);
  useEffect(() => {
    const t = setTimeout(() => setDebouncedQ(opts.q), 150);
    return () => clearTimeout(t);
  }, [opts.q]);
  const search = useMemo(() => compileSearch(debouncedQ, opts.regex), [debouncedQ, opts.regex]);

  // In a service or stack view the project prefix is the same on every container: show what tells them apart.
  const project = 'project' in target ? target.project : undefined;
  const namesRef = useRef<string[]>([]);
  const names = useMemo(() => {
    const next = store.containers.map((id) => {
      const name = stream.containers.find((c) => c.id === id)?.name ?? id.slice(0, 12);
      return tagOf(name, project);
    });
    // The same names keep the same array, so rows (memoized on their options) do not all redraw per batch.
    const prev = namesRef.current;
    if (next.length === prev.length && next.every((n, i) => n === prev[i])) return prev;
    return (namesRef.current = next);
  },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, stream.containers, store, project]);
  const onlyIdx = opts.only ? store.containers.indexOf(stream.containers.find((c) => c.id === opts.only || c.name === opts.only)?.id ?? opts.only) : -1;

  const visible: Row[] = useMemo(() => {
    let rows = store.rows;
    if (onlyIdx >= 0) rows = rows.filter((r) => r.kind === 'skip' || r.c === onlyIdx);
    if (opts.filter && search.re) {
      const re = search.re;
      // a skip marker stays: matches may hide in the lines it stands for, and "Load them" fetches them
      rows = rows.filter((r) => r.kind === 'skip' || rowMatches(r, re));
    }
    return rows;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, store, onlyIdx, opts.filter, search]);

  const matches = useMemo(() => {
    if (!search.re) return [];
    if (opts.filter) return visible.flatMap((r, i) => (r.kind === 'skip' ? [] : [i]));
    const re = search.re;
    const out: number[] = [];
    for (let i = 0; i < visible.length; i++) if (rowMatches(visible[i], re)) out.push(i);
    return out;
  }, [visible, search, opts.filter]);
  const [current, setCurrent] = useState(-1);
  useEffect(() => setCurrent(-1), [search]);

  const list = useRef<LogListApi | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());
  const [follow, setFollow] = useState(true);
  const [pausedAt, setPausedAt] = useState(0);
  const onScrolledUp = useCallback(() => {
    setFollow(false);
    setPausedAt(store.rows.length + store.dropped);
  }, [store]);
  const resume = () => setFollow(true);
  const jump = (dir: 1 | -1) => {
    if (matches.length === 0) return;
    const next = current < 0 ? (dir === 1 ? 0 : matches.length - 1) : (current + dir + matches.length) % matches.length;
    setCurrent(next);
    setFollow(false);
    setPausedAt(store.rows.length + store.dropped);
    list.current?.scrollToIndex(matches[next], 'center');
  };

  const onToggle = useCallback((row: Row) => setExpanded((s) => {
    const n = new Set(s);
    if (n.has(row.seq)) n.delete(row.seq);
    else n.add(row.seq);
    return n;
  }), []);
  const onLoadSkip = useCallback((row: Row) => {
    if (row.kind !== 'skip' || row.loading) return;
    row.loading = true;
    store.version++;
    bump();
    fetchRange(row.containerIds, justBefore(row.fromTs), row.toTs)
      .then((lines) => store.fillSkip(row, lines))
      .catch(() => (row.loading = false))
      .finally(bump);
  }, [store, bump]);

  const colours = useMemo(() => colourSlots(names), [names]);
  const rowOpts: RowOptions = useMemo(() => ({ timestamps: opts.timestamps, wrap: opts.wrap, multi, names, colours }), [opts.timestamps, opts.wrap, multi, names, colours]);
  const currentRow = current >= 0 ? matches[current] : -1;
  const newLines = follow ? 0 : Math.max(0, store.rows.length + store.dropped - pausedAt);
  const title = 'containerId' in target ? (stream.containers[0]?.name ?? target.containerId) : target.service ? `${target.project} / ${target.service}` : `${target.project} (whole stack)`;

  return (
    <AppShell
      title={`Logs · ${title}`}
      actions={'containerId' in target && stream.containers[0] ? <Link className="btn" href={`/containers/${stream.containers[0].id}`}>Container</Link> : null}
    >
      {range && (
        <p className="mb-2 text-xs text-slate-600" data-testid="logs-window">
          From {new Date(range.since).toLocaleString()}{range.until ? ` to ${new Date(range.until).toLocaleString()}` : ''} ·{' '}
          <Link className="text-indigo-600" href={liveHref(initial)}>follow live</Link>
        </p>
      )}
      <LogsToolbar
        opts={opts}
        setOpts={(o) => setOpts((prev) => ({ ...prev, ...o }))}
        searchError={search.error}
        matchCount={matches.length}
        current={current}
        onJump={jump}
        follow={follow}
        onFollow={() => (follow ? (setFollow(false), setPausedAt(store.rows.length + store.dropped)) : resume())}
        containers={stream.containers}
        multi={multi}
        visible={visible}
        names={names}
        onClear={() => {
          store.clear();
          bump();
        }}
      />
      <div className="relative">
        <LogList
          api={list}
          visible={visible}
          version={version}
          follow={follow}
          onScrolledUp={onScrolledUp}
          rowOpts={rowOpts}
          re={search.re}
          currentRow={currentRow}
          expanded={expanded}
          onToggle={onToggle}
          onLoadSkip={onLoadSkip}
          empty={stream.phase === 'error' ? <span className="text-rose-400">{stream.error}</span> : stream.phase === 'connecting' ? 'Connecting…' : opts.filter && search.re ? 'No line matches the filter.' : 'Waiting for log lines…'}
        />
        {!follow ? (
          <button onClick={resume} data-testid="resume-follow" className="absolute bottom-4 right-6 rounded-full bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-indigo-500">
            ↓ Follow{newLines > 0 ? ` · ${newLines.toLocaleString()} new` : ''}
          </button>
        ) : null}
      </div>
      <div className="mt-2 flex gap-4 text-xs text-slate-500" data-testid="log-stats">
        <span data-testid="line-count">{store.rows.length.toLocaleString()} lines in buffer</span>
        {store.dropped > 0 ? <span>{store.dropped.toLocaleString()} older lines dropped (buffer {capacity.toLocaleString()})</span> : null}
        <span className="ml-auto">{stream.phase === 'live' ? (follow ? 'following' : 'paused') : stream.phase}</span>
      </div>
    </AppShell>
  );
}
