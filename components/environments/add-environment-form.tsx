'use client';
// Admins add an engine by name and URL; certificates and keys are files on the server, never typed here.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { queryKeys } from '../queries';

export function AddEnvironmentForm() {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const add = useMutation({
    mutationFn: () => api('/api/environments', { method: 'POST', json: { name, url } }),
    onSuccess: () => {
      setName('');
      setUrl('');
      void qc.invalidateQueries({ queryKey: queryKeys.environments });
    },
  });
  return (
    <form
      className="card mt-8 max-w-3xl p-5"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2 className="text-sm font-semibold text-slate-900">Add an environment</h2>
      <p className="mt-1 text-xs text-slate-500">
        For <code>tcp://</code> with TLS put <code>ca.pem</code>, <code>cert.pem</code> and <code>key.pem</code> in <code>SLIPWAY_TLS_DIR/NAME/</code>; for <code>ssh://</code> a key as <code>SLIPWAY_TLS_DIR/NAME/id_ed25519</code> (or the SSH agent).
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-xs text-slate-600">
          Name
          <input className="input mt-1 block w-40" value={name} onChange={(e) => setName(e.target.value)} placeholder="edge" required />
        </label>
        <label className="flex-1 text-xs text-slate-600">
          Engine URL
          <input className="input mt-1 block w-full font-mono" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="tcp://10.0.0.5:2376" required />
        </label>
        <button className="btn btn-primary" disabled={add.isPending}>Add</button>
      </div>
      {add.error ? <p role="alert" className="mt-2 text-xs text-rose-600">{(add.error as Error).message}</p> : null}
    </form>
  );
}
