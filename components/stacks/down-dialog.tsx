'use client';
// `down` asks for the stack's name typed out; removing volumes is a second, separate choice.
import { useState } from 'react';
import { Modal } from '../frame/modal';

export function DownDialog({ stack, onConfirm, onCancel }: { stack: string; onConfirm: (removeVolumes: boolean) => void; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const [volumes, setVolumes] = useState(false);
  return (
    <Modal label="Bring the stack down" onClose={onCancel}>
      <div className="w-full max-w-md space-y-3 rounded-lg bg-white p-4 shadow-xl">
        <h3 className="font-semibold">Bring {stack} down</h3>
        <p className="text-sm text-slate-600">Stops and removes the stack&apos;s containers and networks. Type <b className="font-mono">{stack}</b> to confirm.</p>
        <input aria-label="Stack name to confirm" className="w-full rounded border px-2 py-1 font-mono" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <label className="flex items-center gap-2 text-sm text-rose-700">
          <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove the stack&apos;s volumes (their data is lost)
        </label>
        <div className="flex justify-end gap-2">
          <button className="rounded bg-slate-100 px-3 py-1.5 text-sm" onClick={onCancel}>Cancel</button>
          <button className="rounded bg-rose-600 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={typed !== stack} onClick={() => onConfirm(volumes)}>
            Down
          </button>
        </div>
      </div>
    </Modal>
  );
}
