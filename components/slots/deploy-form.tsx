'use client';
// Deploy an image (picked from the local images) to the idle slot; optionally switch once healthy.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { DeployResult, SlotName } from '@/server/contract';
import { useLocalImagesQuery } from './slot-queries';

export function DeployForm({ group, idle, currentImage, onClose }: { group: string; idle: SlotName; currentImage: string | undefined; onClose: () => void }) {
  const images = useLocalImagesQuery(true);
  const [image, setImage] = useState(currentImage ?? '');
  const [switchAfter, setSwitchAfter] = useState(false);
  const deploy = useMutation({
    mutationFn: () => api<DeployResult>(`/api/slots/${encodeURIComponent(group)}/deploy`, { method: 'POST', json: { image, switch: switchAfter } }),
  });
  return (
    <div className="w-full space-y-2" data-testid="deploy-form">
      <label className="block text-xs font-medium text-slate-600" htmlFor={`img-${group}`}>Image for the {idle} slot</label>
      <div className="flex gap-2">
        <input id={`img-${group}`} className="input font-mono text-xs" list={`imgs-${group}`} value={image} onChange={(e) => setImage(e.target.value)} placeholder="repository:tag" />
        <datalist id={`imgs-${group}`}>
          {(images.data ?? []).map((i) => (
            <option key={i.ref} value={i.ref} />
          ))}
        </datalist>
      </div>
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input type="checkbox" checked={switchAfter} onChange={(e) => setSwitchAfter(e.target.checked)} /> switch traffic to {idle} once it is healthy
      </label>
      <div className="flex items-center gap-2">
        <button className="btn-primary" disabled={!image || deploy.isPending} onClick={() => deploy.mutate()} data-testid="deploy-submit">
          {deploy.isPending ? 'Deploying…' : `Deploy to ${idle}`}
        </button>
        <button className="btn" onClick={onClose} disabled={deploy.isPending}>Close</button>
      </div>
      {deploy.isError ? <p className="text-xs text-rose-700" role="alert">{deploy.error.message}</p> : null}
      {deploy.isSuccess ? <p className="text-xs text-emerald-700">{idle} runs {deploy.data.image}, {deploy.data.health}{deploy.data.switched ? `; traffic switched in ${deploy.data.switched.durationMs} ms` : '; traffic untouched'}.</p> : null}
    </div>
  );
}
