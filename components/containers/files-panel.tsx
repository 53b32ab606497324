'use client';
// The file browser of a container (running or stopped) or a volume: folders open in place, a text file up
// to 1 MB opens in a read-only viewer, anything can be downloaded (a folder as tar), admins upload into
// a container's current folder. Links are shown with their target and never followed.
import { useRef, useState } from 'react';
import { VIEW_LIMIT_BYTES, type FileEntry } from '@/server/contract';
import { formatBytes } from '../format-bytes';
import { downloadUrl, useFilesQuery, useFileTextQuery, type FilesTarget } from './queries';
import { useUpload } from './mutations';
import { FileViewer } from './file-viewer';

const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

function Breadcrumbs({ path, onGo }: { path: string; onGo: (p: string) => void }) {
  const parts = path.split('/').filter(Boolean);
  return (
    <nav aria-label="Path" className="flex flex-wrap items-center gap-1 font-mono text-sm">
      <button className="text-indigo-700 hover:underline" onClick={() => onGo('/')}>/</button>
      {parts.map((p, i) => (
        <span key={i} className="flex items-center gap-1">
          <button className="text-indigo-700 hover:underline" onClick={() => onGo('/' + parts.slice(0, i + 1).join('/'))}>{p}</button>
          {i < parts.length - 1 ? <span className="text-slate-400">/</span> : null}
        </span>
      ))}
    </nav>
  );
}

function Upload({ id, dir }: { id: string; dir: string }) {
  const input = useRef<HTMLInputElement>(null);
  const up = useUpload(id);
  return (
    <span className="flex items-center gap-2">
      <input ref={input} type="file" className="hidden" aria-label="File to upload" onChange={(e) => {
        const file = e.target.files?.[0];
        if (file) up.mutate({ path: join(dir, file.name), file });
        e.target.value = '';
      }} />
      <button className="btn" disabled={up.isPending} onClick={() => input.current?.click()}>{up.isPending ? 'Uploading…' : 'Upload here'}</button>
      {up.isError ? <span className="text-xs text-rose-600">{up.error.message}</span> : null}
      {up.isSuccess ? <span className="text-xs text-emerald-700">uploaded {up.data.path}</span> : null}
    </span>
  );
}

export function FilesPanel({ target, canUpload, initialPath = '/' }: { target: FilesTarget; canUpload: boolean; initialPath?: string }) {
  const [dir, setDir] = useState(initialPath);
  const [open, setOpen] = useState<FileEntry | null>(null);
  const list = useFilesQuery(target, dir);
  const openPath = open ? join(dir, open.name) : null;
  const text = useFileTextQuery(target, open && open.size <= VIEW_LIMIT_BYTES ? openPath : null);
  const go = (p: string) => {
    setOpen(null);
    setDir(p);
  };
  return (
    <div className="space-y-3" data-testid="files-panel">
      <div className="flex flex-wrap items-center gap-3">
        <Breadcrumbs path={dir} onGo={go} />
        <a className="btn ml-auto" href={downloadUrl(target, dir)} download>Download folder</a>
        {canUpload && target.kind === 'container' ? <Upload id={target.id} dir={dir} /> : null}
      </div>
      {list.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {list.isError ? <p className="text-sm text-rose-600" role="alert">{list.error.message}</p> : null}
      {list.data ? (
        <table className="w-full text-sm">
          <thead><tr><th className="th">Name</th><th className="th">Size</th><th className="th">Mode</th><th className="th">Owner</th><th className="th">Modified</th><th className="th" /></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {dir !== '/' ? <tr><td className="td" colSpan={6}><button className="font-mono text-indigo-700 hover:underline" onClick={() => go(dir.split('/').slice(0, -1).join('/') || '/')}>..</button></td></tr> : null}
            {list.data.map((e) => (
              <tr key={e.name} data-testid="file-row">
                <td className="td font-mono">
                  {e.type === 'directory' ? <button className="text-indigo-700 hover:underline" onClick={() => go(join(dir, e.name))}>{e.name}/</button>
                    : e.type === 'file' ? <button className="text-slate-900 hover:underline" onClick={() => setOpen(e)}>{e.name}</button>
                    : <span className="text-slate-700">{e.name}</span>}
                  {e.type === 'symlink' ? <span className="text-slate-500"> → {e.linkTarget}</span> : null}
                </td>
                <td className="td whitespace-nowrap text-xs">{e.type === 'file' ? formatBytes(e.size, 1) : ''}</td>
                <td className="td font-mono text-xs">{e.mode}</td>
                <td className="td text-xs">{e.uid}:{e.gid}</td>
                <td className="td whitespace-nowrap text-xs">{e.mtime ? new Date(e.mtime).toLocaleString() : ''}</td>
                <td className="td text-right">{e.type === 'file' || e.type === 'directory' ? <a className="text-xs text-indigo-700 hover:underline" href={downloadUrl(target, join(dir, e.name))} download>Download</a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open && openPath ? (
        <section className="space-y-2" aria-label={`File ${open.name}`}>
          <div className="flex items-center gap-2">
            <h3 className="font-mono text-sm font-semibold">{openPath}</h3>
            <a className="btn" href={downloadUrl(target, openPath)} download>Download</a>
            <button className="btn" onClick={() => setOpen(null)}>Close</button>
          </div>
          {open.size > VIEW_LIMIT_BYTES ? <p className="text-sm text-slate-600">This file is {formatBytes(open.size, 1)}, over the 1 MB view limit: download it instead.</p> : null}
          {text.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
          {text.isError ? <p className="text-sm text-rose-600">{text.error.message}</p> : null}
          {text.data?.binary ? <p className="text-sm text-slate-600">A binary file: download it instead.</p> : null}
          {text.data && !text.data.binary ? <FileViewer name={openPath} text={text.data.text} /> : null}
        </section>
      ) : null}
    </div>
  );
}
