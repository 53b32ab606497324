'use client';
import { useState } from 'react';
import { Modal } from '../frame/modal';
// A confirmation listing exactly what will be removed (images, volumes, networks); the caller sends
// those same names, so what was shown is what goes.
export function ConfirmDialog({ title, lines, summary, busy, error, confirmLabel, onConfirm, onClose }: {
  title: string;
  /** null: a plain message (e.g. the result), no list */
  lines: { key: string; label: React.ReactNode }[] | null;
  summary?: React.ReactNode;
  busy: boolean;
  error: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal labelledBy="confirm-title" onClose={onClose} busy={busy}>
      <div className="card flex max-h-[85vh] w-full max-w-lg flex-col p-5 shadow-xl">
        <h3 id="confirm-title" className="text-base font-semibold text-slate-900">{title}</h3>
        {summary ? <p className="mt-1 text-sm text-slate-600" data-testid="confirm-summary">{summary}</p> : null}
        {lines ? <ul className="mt-3 flex-1 divide-y divide-slate-100 overflow-y-auto rounded border border-slate-200 text-sm">
          {lines.length === 0 ? <li className="px-3 py-2 text-slate-500">Nothing to remove.</li> : null}
          {lines.map((l) => (
            <li key={l.key} className="px-3 py-1.5" data-testid="confirm-line">{l.label}</li>
          ))}
        </ul> : null}
        {error ? <p className="mt-2 text-sm text-rose-600">{error}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy || lines?.length === 0}>{busy ? 'Removing…' : confirmLabel}</button>
        </div>
      </div>
    </Modal>
  );
}

/**
 * A confirmation that runs the removal itself: pending while it runs, the reason when it fails, then
 * what was done. `run` sends exactly the names listed and resolves with the sentence to show.
 */
export function RemovalDialog({ title, doneTitle, lines, summary, confirmLabel, loading = false, loadError = '', run, onClose }: {
  title: string;
  doneTitle: string;
  lines: { key: string; label: React.ReactNode }[];
  summary: React.ReactNode;
  confirmLabel: string;
  /** the list is still being worked out (a prune preview) */
  loading?: boolean;
  loadError?: string;
  run: () => Promise<string>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [result, setResult] = useState('');
  const confirm = async () => {
    setBusy(true);
    setError('');
    try {
      setResult(await run());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (result) return <ConfirmDialog title={doneTitle} lines={null} summary={result} busy={false} error="" confirmLabel="Close" onConfirm={onClose} onClose={onClose} />;
  return <ConfirmDialog title={title} summary={summary} lines={lines} busy={busy || loading} error={error || loadError} confirmLabel={confirmLabel} onConfirm={() => void confirm()} onClose={onClose} />;
}
