'use client';
// The Shell page of a container: several terminals in tabs, each its own session, filling the pane.
import Link from 'next/link';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AppShell } from '../app-shell';
import { ContainerStateBadge } from '../badges';
import { useContainerQuery, useMeQuery } from '../queries';
import { ShellTerminal, type ShellStatus } from './shell-terminal';
import { shellWords } from '@/server/shared/shell-words';
import { can } from '@/server/auth/permissions';

interface Tab {
  key: number;
  cmd?: string[];
  user?: string;
  status: ShellStatus;
}

let nextKey = 1;

function tabLabel(t: Tab): string {
  if (t.status.state === 'open') return t.status.cmd.join(' ');
  return t.cmd?.join(' ') ?? 'shell';
}

const DOT: Record<ShellStatus['state'], string> = { opening: 'bg-amber-400', open: 'bg-emerald-400', ended: 'bg-slate-400', failed: 'bg-rose-500' };

/** The pane fills the window below its top edge, and follows window resizes. */
function useFillHeight(ref: React.RefObject<HTMLDivElement | null>) {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      if (ref.current) setHeight(Math.max(240, window.innerHeight - ref.current.getBoundingClientRect().top - 24));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return height;
}

export function ContainerShellView({ id }: { id: string }) {
  const q = useContainerQuery(id);
  const me = useMeQuery();
  const c = q.data;
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [cmdText, setCmdText] = useState('');
  const [user, setUser] = useState('');
  const [cmdError, setCmdError] = useState<string | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  const height = useFillHeight(pane);
  const running = c?.state === 'running';
  const isAdmin = can(me.data?.role, 'shell');

  const openTab = useCallback((cmd?: string[], u?: string) => {
    const key = nextKey++;
    setTabs((t) => [...t, { key, cmd, user: u, status: { state: 'opening' } }]);
    setActive(key);
  }, []);

  // The first shell opens by itself once we know the container runs.
  const opened = useRef(false);
  useEffect(() => {
    if (running && isAdmin && !opened.current) {
      opened.current = true;
      openTab();
    }
  }, [running, isAdmin, openTab]);

  const closeTab = (key: number) => {
    setTabs((t) => {
      const rest = t.filter((x) => x.key !== key);
      if (active === key) setActive(rest.at(-1)?.key ?? null);
      return rest;
    });
  };
  const setStatus = useCallback((key: number, status: ShellStatus) => setTabs((t) => t.map((x) => (x.key === key ? { ...x, status } : x))), []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    let argv: string[];
    try {
      argv = shellWords(cmdText);
    } catch (err) {
      setCmdError((err as Error).message);
      return;
    }
    setCmdError(null);
    openTab(argv.length ? argv : undefined, user.trim() || undefined);
  };

  return (
    <AppShell title={c ? `Shell · ${c.name}` : 'Shell'} actions={c ? <ContainerStateBadge c={c} /> : null}>
      <Link href={`/containers/${encodeURIComponent(id)}`} className="text-sm text-indigo-700 hover:underline">← {c?.name ?? 'Container'}</Link>
      {q.isError ? <p className="mt-4 text-sm text-rose-600">{q.error.message}</p> : null}
      {me.data && !isAdmin ? <p className="mt-4 text-sm text-rose-600">Only admins may open shells.</p> : null}
      {c && isAdmin ? (
        <>
          <form onSubmit={submit} className="mt-3 flex flex-wrap items-center gap-2" aria-label="Open a shell">
            <input className="input max-w-xs font-mono" placeholder={`command, quoted as in sh: sh -c "echo hi"`} aria-label="Command" value={cmdText} onChange={(e) => setCmdText(e.target.value)} />
            <input className="input max-w-[12rem] font-mono" placeholder="user (optional)" aria-label="User" value={user} onChange={(e) => setUser(e.target.value)} />
            <button type="submit" className="btn-primary" disabled={!running}>New shell</button>
            {cmdError ? <span role="alert" className="text-sm text-rose-700">Command: {cmdError}</span> : null}
            {!running ? <span className="text-sm text-amber-700">The container is {c.state}; start it to open a shell.</span> : null}
            <span className="ml-auto text-xs text-slate-500">Copy: select, then Ctrl+C (or Ctrl+Shift+C) · Paste: Ctrl+V · every session is audited</span>
          </form>
          <div ref={pane} className="mt-3 flex flex-col overflow-hidden rounded-lg border border-slate-800 bg-[#0b1220] shadow-sm" style={{ height: height ?? 480 }}>
            <div role="tablist" className="flex shrink-0 items-stretch gap-px overflow-x-auto bg-slate-900 text-xs">
              {tabs.map((t, i) => (
                <div key={t.key} role="tab" aria-selected={active === t.key} data-testid="shell-tab" data-state={t.status.state}
                  className={`group flex cursor-pointer items-center gap-2 px-3 py-2 ${active === t.key ? 'bg-[#0b1220] text-white' : 'text-slate-400 hover:text-white'}`}
                  onClick={() => setActive(t.key)}>
                  <span className={`h-1.5 w-1.5 rounded-full ${DOT[t.status.state]}`} />
                  <span className="font-mono">{i + 1}: {tabLabel(t)}</span>
                  <button type="button" aria-label={`Close shell ${i + 1}`} className="rounded px-1 text-slate-500 hover:bg-slate-700 hover:text-white" onClick={(e) => { e.stopPropagation(); closeTab(t.key); }}>×</button>
                </div>
              ))}
              <button type="button" className="px-3 text-slate-400 hover:text-white disabled:opacity-40" disabled={!running} onClick={() => openTab()} aria-label="New default shell">+</button>
            </div>
            <div className="relative min-h-0 flex-1 p-2">
              {tabs.length === 0 ? <p className="p-4 text-sm text-slate-400">No shell open.</p> : null}
              {tabs.map((t) => (
                <div key={t.key} className={`absolute inset-2 ${active === t.key ? '' : 'invisible'}`} data-active={active === t.key}>
                  <ShellTerminal containerId={c.id} cmd={t.cmd} user={t.user} active={active === t.key} onStatus={(s) => setStatus(t.key, s)} />
                </div>
              ))}
            </div>
          </div>
        </>
      ) : null}
    </AppShell>
  );
}
