'use client';
// The one "ask, then run" dialog: the action runs from inside it, so the dialog shows it pending
// ("Restarting…"), then the reason when it fails (and lets you retry or cancel), then what was done.
// Escape and Cancel are locked while the action runs: closing would hide a change that still happens.
import { useState } from 'react';
import { Modal } from './modal';

export function ActionDialog({ title, doneTitle, summary, confirmLabel, pendingLabel, danger = true, disabled = false, run, onClose, children }: {
  title: string;
  /** heading once it is done (default: the title) */
  doneTitle?: string;
  summary?: React.ReactNode;
  confirmLabel: string;
  /** the button's text while the action runs, e.g. "Restarting…" */
  pendingLabel: string;
  danger?: boolean;
  /** the action cannot run yet (e.g. a name must be typed, a list is loading) */
  disabled?: boolean;
  /** resolves with the sentence that says what was done */
  run: () => Promise<string>;
  onClose: () => void;
  children?: React.ReactNode;
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
  return (
    <Modal labelledBy="confirm-title" onClose={onClose} busy={busy}>
      <div className="card flex max-h-[85vh] w-full max-w-lg flex-col p-5 shadow-xl">
        <h3 id="confirm-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">{result ? (doneTitle ?? title) : title}</h3>
        {result ? <p role="status" className="mt-1 text-sm text-emerald-700 dark:text-emerald-400" data-testid="confirm-result">{result}</p> : null}
        {!result && summary ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="confirm-summary">{summary}</p> : null}
        {!result ? children : null}
        {busy ? <p role="status" className="mt-2 text-sm text-slate-500" data-testid="confirm-pending">{pendingLabel}</p> : null}
        {error ? <p role="alert" className="mt-2 text-sm text-rose-600" data-testid="confirm-error">Failed: {error}</p> : null}
        <div className="mt-4 flex justify-end gap-2">
          {result ? (
            <button type="button" className="btn" onClick={onClose}>Close</button>
          ) : (
            <>
              <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
              <button type="button" className={danger ? 'btn btn-danger' : 'btn-primary'} onClick={() => void confirm()} disabled={busy || disabled}>{busy ? pendingLabel : confirmLabel}</button>
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
