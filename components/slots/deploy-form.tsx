'use client';
// Deploy to the idle slot: an image (picked from the local images), or the owner's way with the stack's
// compose files (`up -d --no-deps [--build] SERVICE`, its output shown); optionally switch once healthy.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { SlotName } from '@/server/contract';
import { useLocalImagesQuery } from './slot-queries';

/** compose colours its output; the panel shows plain text */
const stripAnsi = (t: string) => t.split(String.fromCharCode(27)).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*[A-Za-z]/, ''))).join('');

export function DeployForm({ group, idle, currentImage, composeService, onClose }: { group: string; idle: SlotName; currentImage: string | undefined; composeService?: string | null; onClose: () => void }) {
  const images = useLocalImagesQuery(true);
  const [image, setImage] = useState(currentImage ?? '');
  const [switchAfter, setSwitchAfter] = useState(false);
  const [useCompose, setUseCompose] = useState(!!composeService);
  const [build, setBuild] = useState(true);
  const deploy = useMutation({
    mutationFn: () =>
      api(`/api/slots/${encodeURIComponent(group)}/deploy`, {
        method: 'POST',
        json: useCompose ? { compose: true, build, switch: switchAfter } : { image, switch: switchAfter },
      }),
  });
  return (
    <div className="w-full space-y-2" data-testid="deploy-form">
      {composeService ? (
        <div className="space-y-1 rounded-md border border-slate-200 bg-slate-50 p-2 text-xs text-slate-700">
          <label className="flex items-center gap-2">
            <input type="checkbox" data-testid="deploy-compose" checked={useCompose} onChange={(e) => setUseCompose(e.target.checked)} /> the stack&apos;s way: <code className="font-mono">up -d --no-deps{build ? ' --build' : ''} {composeService}</code>
          </label>
          {useCompose ? (
            <label className="flex items-center gap-2 pl-5">
              <input type="checkbox" checked={build} onChange={(e) => setBuild(e.target.checked)} /> build the image first (--build)
            </label>
          ) : null}
        </div>
      ) : null}
      {useCompose ? null : <>
      <label className="block text-xs font-medium text-slate-600" htmlFor={`img-${group}`}>Image for the {idle} slot</label>
      <div className="flex gap-2">
        <input id={`img-${group}`} className="input font-mono text-xs" list={`imgs-${group}`} value={image} onChange={(e) => setImage(e.target.value)} placeholder="repository:tag" />
        <datalist id={`imgs-${group}`}>
          {(images.data ?? []).map((i) => (
            <option key={i.ref} value={i.ref} />
          ))}
        </datalist>
      </div>
      </>}
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input type="checkbox" checked={switchAfter} onChange={(e) => setSwitchAfter(e.target.checked)} /> switch traffic to {idle} once it is healthy
      </label>
      <div className="flex items-center gap-2">
        <button className="btn-primary" disabled={(!useCompose && !image) || deploy.isPending} onClick={() => deploy.mutate()} data-testid="deploy-submit">
          {deploy.isPending ? 'Deploying…' : `Deploy to ${idle}`}
        </button>
        <button className="btn" onClick={onClose} disabled={deploy.isPending}>Close</button>
      </div>
      {deploy.isError ? <p className="text-xs text-rose-700" role="alert">{deploy.error.message}</p> : null}
      {deploy.isSuccess ? <p className="text-xs text-emerald-700" data-testid="deploy-ok">{idle} runs {deploy.data.image}, {deploy.data.health}{deploy.data.switched ? `; traffic switched in ${deploy.data.switched.durationMs} ms` : '; traffic untouched'}.</p> : null}
      {deploy.data?.output ? <pre className="max-h-48 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-4 text-slate-100" data-testid="deploy-output">{stripAnsi(deploy.data.output)}</pre> : null}
    </div>
  );
}
