'use client';
import { ActionDialog } from '../frame/action-dialog';

/**
 * A confirmation listing exactly what will be removed (images, volumes, networks); `run` sends exactly
 * the names listed and resolves with the sentence to show. Pending, failure and result come from the
 * shared ActionDialog.
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
  return (
    <ActionDialog title={title} doneTitle={doneTitle} summary={summary} confirmLabel={confirmLabel} pendingLabel="Removing…" disabled={loading || lines.length === 0} run={run} onClose={onClose}>
      <ul className="mt-3 flex-1 divide-y divide-slate-100 overflow-y-auto rounded border border-slate-200 text-sm dark:divide-slate-700 dark:border-slate-700">
        {lines.length === 0 && !loading ? <li className="px-3 py-2 text-slate-500">Nothing to remove.</li> : null}
        {lines.map((l) => (
          <li key={l.key} className="px-3 py-1.5" data-testid="confirm-line">{l.label}</li>
        ))}
      </ul>
      {loadError ? <p className="mt-2 text-sm text-rose-600">{loadError}</p> : null}
    </ActionDialog>
  );
}
