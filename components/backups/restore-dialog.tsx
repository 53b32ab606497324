'use client';
// Restore (admin): into a new database or volume, or over the current one after typing its name.
import { useState } from 'react';
import { api } from '../api';
import type { BackupView, RestoreResult } from '@/server/contract';
import { Modal } from '../frame/modal';

export function RestoreDialog({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const pg = backup.kind === 'postgres';
  const sameName = pg ? (backup.source ?? '') : backup.target;
  const multi = backup.kind === 'volume' && (backup.source ?? '').includes(',');
  const [mode, setMode] = useState<'new' | 'same'>(multi ? 'same' : 'new');
  const [name, setName] = useState(pg ? `${backup.source}_restored_${backup.id}` : `${backup.target.replace(/^volume:/, '')}-restored-${backup.id}`);
  const [confirmText, setConfirmText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<RestoreResult | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const json = mode === 'same' ? { mode, confirm: confirmText } : pg ? { mode, database: name } : { mode, volume: name };
      setDone(await api(`/api/backups/${backup.id}/restore`, { method: 'POST', json }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal labelledBy="restore-title" onClose={onClose}>
      <form onSubmit={submit} className="card w-full max-w-lg p-5 shadow-xl">
        <h3 id="restore-title" className="text-base font-semibold text-slate-900">Restore backup #{backup.id}</h3>
        <p className="mt-1 text-sm text-slate-600">
          {backup.target} · {backup.kind} · {backup.source} · <span className="font-mono text-xs">{backup.sha256?.slice(0, 12)}…</span>
        </p>
        <fieldset className="mt-4 space-y-3 text-sm" disabled={busy || Boolean(done)}>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" checked={mode === 'new'} disabled={multi} onChange={() => setMode('new')} className="mt-1" />
            <span className="flex-1">
              Into a new {pg ? 'database on the same server' : 'volume'}
              {mode === 'new' ? <input className="input mt-1 font-mono" value={name} onChange={(e) => setName(e.target.value)} aria-label={pg ? 'New database name' : 'New volume name'} /> : null}
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" checked={mode === 'same'} onChange={() => setMode('same')} className="mt-1" />
            <span className="flex-1">
              Replace {pg ? <>database <b>{sameName}</b></> : <b>{sameName}</b>}
              {pg ? '' : ' (stopped and started again around the restore)'}
              {mode === 'same' ? (
                <>
                  <span className="mt-1 block text-xs text-rose-700">This overwrites the current data. Type <b className="font-mono">{sameName}</b> to confirm.</span>
                  <input className="input mt-1 font-mono" value={confirmText} onChange={(e) => setConfirmText(e.target.value)} aria-label="Confirm name" />
                </>
              ) : null}
            </span>
          </label>
        </fieldset>
        {error ? <p role="alert" className="mt-3 rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">{error}</p> : null}
        {done ? <p role="status" data-testid="restore-done" className="mt-3 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Restored into <b>{done.into}</b>: {done.detail}</p> : null}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
          {!done ? (
            <button className="btn-primary" disabled={busy || (mode === 'same' ? confirmText !== sameName : !name.trim())}>
              {busy ? 'Restoring…' : 'Restore'}
            </button>
          ) : null}
        </div>
      </form>
    </Modal>
  );
}
