'use client';
// An xterm panel for one operation: colours kept, elapsed time while it runs, exit code at the end.
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { OperationRecord } from '@/server/contract';
import { api } from '../api';
import { bufferedOutput, followOutput } from './output-store';

const THEME = { background: '#0b1220', foreground: '#e2e8f0', cursor: '#0b1220', selectionBackground: '#334155' };

function elapsed(from: string, to: string | null, now: number): string {
  const ms = (to ? Date.parse(to) : now) - Date.parse(from);
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

export function OperationTerminal({ id, startedHere, record }: { id: string; startedHere: boolean; record: OperationRecord | null }) {
  const host = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(() => Date.now());
  const running = !record || record.status === 'running';

  // an operation started here comes into view: the button that started it may be far above
  useEffect(() => {
    if (startedHere) host.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [startedHere]);

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [running]);

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !host.current) return;
      const term = new Terminal({ convertEol: true, disableStdin: true, fontSize: 12, scrollback: 10_000, theme: THEME, fontFamily: 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace' });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host.current);
      const refit = () => {
        try {
          fit.fit();
        } catch {
          /* not laid out */
        }
      };
      refit();
      window.addEventListener('resize', refit);
      cleanups.push(() => window.removeEventListener('resize', refit), () => term.dispose());
      const pending: string[] = [];
      let ready = false;
      cleanups.push(followOutput(id, (d) => (ready ? term.write(d) : pending.push(d))));
      const buffered = startedHere ? bufferedOutput(id) : null;
      if (startedHere) term.write(buffered ?? '');
      else {
        const op = await api(`/api/operations/${id}`).catch(() => null);
        if (disposed) return;
        term.write(op?.output ?? '');
        pending.length = 0; // pushed while the stored output was read: already in it
      }
      for (const d of pending) term.write(d);
      ready = true;
    })();
    return () => {
      disposed = true;
      cleanups.forEach((c) => c());
    };
  }, [id, startedHere]);

  const status = record?.status ?? 'running';
  const colour = status === 'succeeded' ? 'text-emerald-400' : status === 'failed' ? 'text-rose-400' : 'text-amber-300';
  return (
    <div className="rounded-lg border border-slate-700 bg-[#0b1220]" data-testid="operation-panel">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-700 px-3 py-2 text-xs text-slate-300">
        <span className="font-mono">{record ? `${record.action}${record.service ? ` ${record.service}` : ''}` : 'operation'}</span>
        <span className={colour} data-testid="operation-status">{status}</span>
        {record && <span data-testid="operation-elapsed">{elapsed(record.startedAt, record.endedAt, now)}</span>}
        {record?.exitCode != null && <span data-testid="operation-exit">exit code {record.exitCode}</span>}
        {record?.changed.length ? <span>{record.changed.length} container(s) changed</span> : null}
        {record?.leftRunning && <span className="text-rose-300">left running: {record.leftRunning.join(', ') || 'nothing'}</span>}
      </div>
      <div ref={host} className="h-64 p-2" data-testid="operation-output" />
    </div>
  );
}
