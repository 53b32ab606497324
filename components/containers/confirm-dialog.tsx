'use client';
// A small modal asking before an action; children carry the action's own inputs.
import type { ReactNode } from 'react';

export function ConfirmDialog(props: { title: string; text: string; action: string; danger?: boolean; disabled?: boolean; onConfirm: () => void; onCancel: () => void; children?: ReactNode }) {
  return (
    <div role="dialog" aria-label={props.title} className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div className="w-full max-w-md space-y-3 rounded-lg bg-white p-4 text-left shadow-xl">
        <h3 className="font-semibold">{props.title}</h3>
        <p className="text-sm text-slate-600">{props.text}</p>
        {props.children}
        <div className="flex justify-end gap-2">
          <button className="rounded bg-slate-100 px-3 py-1.5 text-sm" onClick={props.onCancel}>Cancel</button>
          <button className={`rounded px-3 py-1.5 text-sm text-white disabled:opacity-40 ${props.danger ? 'bg-rose-600' : 'bg-indigo-600'}`} disabled={props.disabled} onClick={props.onConfirm}>
            {props.action}
          </button>
        </div>
      </div>
    </div>
  );
}
