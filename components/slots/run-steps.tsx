'use client';
// Live progress of a switch or deploy, one line per step, as the server pushes it.
import { useEffect, useRef } from 'react';
import type { RunProgress } from './slot-queries';

const LABEL: Record<string, string> = {
  gate: 'Health gate', write: 'Write upstream file', test: 'nginx -t', reload: 'nginx -s reload', flag: 'Flip flag (no reload)', verify: 'Verify through proxy', restore: 'Restore previous file',
  plan: 'Find idle slot', image: 'Image', recreate: 'Recreate container', start: 'Start', health: 'Wait for health', switch: 'Switch traffic',
};

const ICON = { running: '◌', ok: '✓', failed: '✗', skipped: '–' } as const;
const COLOR = { running: 'text-amber-600', ok: 'text-emerald-600', failed: 'text-rose-600', skipped: 'text-slate-400' } as const;

export function RunSteps({ run }: { run: RunProgress }) {
  const box = useRef<HTMLDivElement>(null);
  // a new run (one mount per run) comes into view: the click that started it may be far above
  // (braces: scrollIntoView returns a promise in current browsers, and an effect may return only a cleanup)
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <div ref={box} className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid={`run-${run.op}`}>
      <div className="mb-1 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {run.op}
        {run.done ? (
          <span className={run.done.ok ? 'text-emerald-600' : 'text-rose-600'} data-testid="run-result">{run.done.ok ? 'done' : 'failed'}</span>
        ) : (
          <span className="text-amber-600">in progress…</span>
        )}
      </div>
      <ol className="space-y-0.5 text-sm">
        {run.steps.map((s) => (
          <li key={s.step} className="flex items-baseline gap-2" data-testid={`step-${s.step}`} data-status={s.status}>
            <span className={`w-4 text-center font-bold ${COLOR[s.status]} ${s.status === 'running' ? 'animate-pulse' : ''}`}>{ICON[s.status]}</span>
            <span className="w-44 shrink-0 text-slate-700">{LABEL[s.step] ?? s.step}</span>
            <span className="w-16 shrink-0 text-right font-mono text-xs text-slate-500">{s.status === 'running' ? '' : `${s.ms} ms`}</span>
            <span className="min-w-0 truncate text-xs text-slate-500" title={s.detail}>{s.detail}</span>
          </li>
        ))}
      </ol>
      {run.done && !run.done.ok && run.done.error && !run.steps.some((s) => s.status === 'failed') ? <p className="mt-1 text-xs text-rose-700">{run.done.error}</p> : null}
    </div>
  );
}
