'use client';
// The images page: pull by reference with live layer progress, every image with its tags, digests,
// size, age, the containers using it and its update status; remove (refused while in use) and prune
// with a confirmation that shows what goes and the space it frees.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ImageSummary, PullState, UpdateInfo } from '@/server/contract';
import { can } from '@/server/auth/permissions';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { since } from '../format';
import { formatBytes } from '../format-bytes';
import { UpdateBadge } from '../updates/update-badge';
import { useUpdatesQuery } from '../updates/queries';
import { RemovalDialog } from './confirm-dialog';
import { usePullsLive } from './live';
import { pruneImages, pullImage, removeImage } from './mutations';
import { imageKeys, useImagesQuery, usePrunePreviewQuery } from './queries';

export function ImagesPage() {
  const me = useMeQuery();
  const role = me.data?.role ?? 'viewer';
  const images = useImagesQuery();
  const updates = useUpdatesQuery();
  const pulls = usePullsLive();
  const qc = useQueryClient();
  const [pruning, setPruning] = useState(false);
  const [rowError, setRowError] = useState<Record<string, string>>({});
  const canRemove = can(role, 'resources:remove');

  const remove = async (img: ImageSummary) => {
    if (!window.confirm(`Remove image ${img.tags[0] ?? img.id.slice(7, 19)}?`)) return;
    setRowError((e) => ({ ...e, [img.id]: '' }));
    try {
      await removeImage(img.id);
    } catch (e) {
      setRowError((x) => ({ ...x, [img.id]: (e as Error).message }));
    }
    await qc.invalidateQueries({ queryKey: imageKeys.list });
  };

  return (
    <AppShell title="Images" actions={canRemove ? <button className="btn" onClick={() => setPruning(true)} data-testid="prune-images">Prune unused…</button> : null}>
      {can(role, 'images:pull') ? <PullForm pulls={pulls} /> : null}
      {images.isError ? <p className="mb-3 text-sm text-rose-600">Could not load images: {images.error.message}</p> : null}
      <div className="card overflow-x-auto">
        <table className="w-full" data-testid="images-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className="th">Tags</th>
              <th className="th">ID / digests</th>
              <th className="th">Size</th>
              <th className="th">Created</th>
              <th className="th">Used by</th>
              <th className="th">Update</th>
              <th className="th" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(images.data ?? []).map((img) => (
              <ImageRow key={img.id} img={img} updates={updates.data ?? []} canRemove={canRemove} error={rowError[img.id]} onRemove={() => void remove(img)} />
            ))}
          </tbody>
        </table>
        {images.data?.length === 0 ? <p className="p-4 text-sm text-slate-500">No images on this engine.</p> : null}
      </div>
      {pruning ? <PruneDialog onClose={() => setPruning(false)} /> : null}
    </AppShell>
  );
}

function updateFor(img: ImageSummary, updates: UpdateInfo[]): UpdateInfo | undefined {
  const ids = new Set(img.containers.map((c) => c.id));
  return updates.find((u) => ids.has(u.containerId)) ?? updates.find((u) => img.tags.includes(u.image) || img.tags.includes(`${u.image}:latest`));
}

function ImageRow({ img, updates, canRemove, error, onRemove }: { img: ImageSummary; updates: UpdateInfo[]; canRemove: boolean; error?: string; onRemove: () => void }) {
  const u = updateFor(img, updates);
  return (
    <tr data-testid="image-row" data-image-id={img.id}>
      <td className="td">
        {img.tags.length ? img.tags.map((t) => <div key={t} className="break-all font-mono text-xs text-slate-800">{t}</div>) : <span className="text-xs italic text-slate-400">dangling</span>}
      </td>
      <td className="td">
        <div className="font-mono text-xs text-slate-600">{img.id.slice(7, 19)}</div>
        {img.digests.map((d) => (
          <div key={d} className="max-w-[16rem] truncate font-mono text-[11px] text-slate-400" title={d}>{d.split('@')[1]?.slice(0, 19)}…</div>
        ))}
      </td>
      <td className="td whitespace-nowrap text-xs">{formatBytes(img.sizeBytes)}</td>
      <td className="td whitespace-nowrap text-xs text-slate-600" title={img.created}>{since(img.created)}</td>
      <td className="td text-xs">
        {img.containers.length ? img.containers.map((c) => <div key={c.id} className="truncate">{c.name}</div>) : <span className="text-slate-400">unused</span>}
      </td>
      <td className="td">{u ? <UpdateBadge u={u} /> : <span className="text-xs text-slate-400">—</span>}</td>
      <td className="td text-right">
        {canRemove ? (
          <button className="btn btn-danger" onClick={onRemove} disabled={img.containers.length > 0} title={img.containers.length ? 'in use' : 'remove this image'}>Remove</button>
        ) : null}
        {error ? <p className="mt-1 text-xs text-rose-600">{error}</p> : null}
      </td>
    </tr>
  );
}

function PullForm({ pulls }: { pulls: Map<string, PullState> }) {
  const [reference, setReference] = useState('');
  const [mine, setMine] = useState<string[]>([]);
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const { id } = await pullImage(reference.trim());
      setMine((m) => [id, ...m].slice(0, 5));
      setReference('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="card mb-4 p-4">
      <form className="flex flex-wrap items-center gap-2" onSubmit={submit}>
        <input className="input min-w-0 flex-1 font-mono" placeholder="registry.example.com/team/app:1.2" value={reference} onChange={(e) => setReference(e.target.value)} aria-label="Image reference" />
        <button className="btn-primary" disabled={!reference.trim()}>Pull</button>
      </form>
      {error ? <p className="mt-2 text-sm text-rose-600">{error}</p> : null}
      {mine.map((id) => {
        const p = pulls.get(id);
        return <PullProgress key={id} id={id} p={p} />;
      })}
    </section>
  );
}

function PullProgress({ id, p }: { id: string; p?: PullState }) {
  const pct = p && p.bytesTotal ? Math.round((100 * p.bytesDone) / p.bytesTotal) : p?.status === 'succeeded' ? 100 : 0;
  return (
    <div className="mt-3 text-xs" data-testid="pull-progress" data-status={p?.status ?? 'running'}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-slate-700">{p?.reference ?? id}</span>
        <span className={p?.status === 'failed' ? 'text-rose-600' : p?.status === 'succeeded' ? 'text-emerald-700' : 'text-slate-500'}>
          {p?.status ?? 'starting'} · {p ? `${p.layers.length} layers · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : ''}
        </span>
      </div>
      <div className="mt-1 h-1.5 w-full overflow-hidden rounded bg-slate-100">
        <div className={`h-full ${p?.status === 'failed' ? 'bg-rose-500' : 'bg-indigo-500'}`} style={{ width: `${pct}%` }} />
      </div>
      {p?.error ? <p className="mt-1 text-rose-600">{p.error}</p> : null}
    </div>
  );
}

function PruneDialog({ onClose }: { onClose: () => void }) {
  const preview = usePrunePreviewQuery(true);
  const qc = useQueryClient();
  const images = preview.data?.images ?? [];
  const prune = async () => {
    const r = await pruneImages(images.map((i) => i.id));
    await qc.invalidateQueries({ queryKey: imageKeys.list });
    return `Removed ${r.deleted.length} images, freed ${formatBytes(r.reclaimedBytes)}${r.skipped.length ? `; ${r.skipped.length} left (in use or refused)` : ''}.`;
  };
  return (
    <RemovalDialog
      title="Prune unused images"
      doneTitle="Prune done"
      summary={preview.isLoading ? 'Looking for unused images…' : `${images.length} images no container uses; frees ${formatBytes(preview.data?.reclaimableBytes ?? 0)}.`}
      lines={images.map((i) => ({ key: i.id, label: <span className="font-mono text-xs">{i.tags[0] ?? `<dangling> ${i.id.slice(7, 19)}`} · {formatBytes(i.sizeBytes)}</span> }))}
      loading={preview.isLoading}
      loadError={preview.isError ? preview.error.message : ''}
      confirmLabel={`Remove ${images.length} images`}
      run={prune}
      onClose={onClose}
    />
  );
}
