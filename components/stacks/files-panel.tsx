'use client';
// The compose editor: the stack's compose files and .env, a diff against the file on disk before saving,
// the CLI's error marked at its line, previous versions with restore. Admins edit; others read.
import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { CodeEditor } from './code-editor';
import { lineDiff } from './line-diff';
import { useRestoreVersion, useSaveFiles } from './mutations';
import { ApiError } from '../api';
import { stackKeys, useFileHistory, useStackFiles } from './queries';

export function FilesPanel({ stack, canEdit }: { stack: string; canEdit: boolean }) {
  const [file, setFile] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<'compose' | 'env'>('compose');
  const files = useStackFiles(stack, file);
  const history = useFileHistory(stack);
  const save = useSaveFiles(stack);
  const restore = useRestoreVersion(stack);
  const qc = useQueryClient();
  const [draft, setDraft] = useState<{ compose: string; env: string } | null>(null);
  const [review, setReview] = useState(false);
  const [error, setError] = useState<{ message: string; line?: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onDisk = useMemo(() => (files.data ? { compose: files.data.compose, env: files.data.env ?? '' } : null), [files.data]);
  useEffect(() => setDraft(onDisk), [onDisk]);

  if (files.isError) return <p className="text-sm text-rose-600" data-testid="files-error">{(files.error as Error).message}</p>;
  if (!files.data || !draft || !onDisk) return <p className="text-sm text-slate-500">Loading files…</p>;
  const f = files.data;
  const envEditable = canEdit && f.env !== null;
  const changed = draft.compose !== onDisk.compose || (envEditable && draft.env !== onDisk.env);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['stack', stack, 'files'] });
    void qc.invalidateQueries({ queryKey: stackKeys.history(stack) });
  };
  const doSave = async () => {
    setError(null);
    try {
      await save.mutateAsync({
        file: f.file,
        ...(draft.compose !== onDisk.compose ? { compose: draft.compose } : {}),
        ...(envEditable && draft.env !== onDisk.env ? { env: draft.env } : {}),
      });
      setReview(false);
      setNotice('Saved. Deploy to apply it.');
      refresh();
    } catch (e) {
      setReview(false);
      setError({ message: (e as Error).message, line: e instanceof ApiError ? e.line : undefined });
    }
  };

  return (
    <section className="space-y-3" data-testid="files-panel">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {f.composeFiles.map((name) => (
          <button key={name} className={`rounded px-2 py-1 ${tab === 'compose' && f.file === name ? 'bg-slate-800 text-white' : 'bg-slate-100'}`} onClick={() => { setTab('compose'); setFile(name); }}>
            {name}
          </button>
        ))}
        {f.envFile && (
          <button className={`rounded px-2 py-1 ${tab === 'env' ? 'bg-slate-800 text-white' : 'bg-slate-100'}`} onClick={() => setTab('env')}>
            {f.envFile}
          </button>
        )}
        <span className="ml-auto truncate font-mono text-xs text-slate-500" title={f.dir}>{f.dir}</span>
      </div>
      {tab === 'compose' ? (
        <CodeEditor testId="compose-editor" language="yaml" value={draft.compose} readOnly={!canEdit} error={error} onChange={(v) => setDraft((d) => (d ? { ...d, compose: v } : d))} />
      ) : f.env !== null ? (
        <CodeEditor testId="env-editor" language="env" value={draft.env} readOnly={!canEdit} onChange={(v) => setDraft((d) => (d ? { ...d, env: v } : d))} />
      ) : (
        <div>
          <p className="mb-1 text-xs text-slate-500">Values are shown to admins only.</p>
          <CodeEditor testId="env-editor" language="env" value={f.envMasked ?? ''} readOnly onChange={() => undefined} />
        </div>
      )}
      {error && (
        <pre className="whitespace-pre-wrap rounded bg-rose-50 p-2 text-xs text-rose-800" data-testid="save-error">
          {error.line ? `line ${error.line}: ` : ''}
          {error.message}
        </pre>
      )}
      {notice && !changed && <p className="text-sm text-emerald-700" data-testid="save-notice">{notice}</p>}
      {canEdit && (
        <div className="flex gap-2">
          <button className="btn-primary rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={!changed || save.isPending} onClick={() => { setNotice(null); setReview(true); }}>
            Review changes
          </button>
          <button className="rounded bg-slate-100 px-3 py-1.5 text-sm disabled:opacity-40" disabled={!changed} onClick={() => { setDraft(onDisk); setError(null); }}>
            Discard
          </button>
        </div>
      )}
      {review && (
        <div className="rounded border border-slate-300 bg-slate-50 p-3" data-testid="diff-review">
          <h4 className="mb-2 text-sm font-semibold">Changes against the file on disk</h4>
          {(['compose', 'env'] as const)
            .filter((k) => draft[k] !== onDisk[k] && (k === 'compose' || envEditable))
            .map((k) => (
              <pre key={k} className="mb-2 max-h-72 overflow-auto rounded bg-white p-2 text-xs">
                {lineDiff(onDisk[k], draft[k])
                  .filter((l, i, all) => l.kind !== ' ' || all.slice(Math.max(0, i - 2), i + 3).some((x) => x.kind !== ' '))
                  .map((l, i) => (
                    <div key={i} className={l.kind === '+' ? 'bg-emerald-50 text-emerald-800' : l.kind === '-' ? 'bg-rose-50 text-rose-800' : 'text-slate-500'}>
                      {l.kind} {l.text}
                    </div>
                  ))}
              </pre>
            ))}
          <div className="flex gap-2">
            <button className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={save.isPending} onClick={() => void doSave()}>
              {save.isPending ? 'Validating…' : 'Validate and save'}
            </button>
            <button className="rounded bg-slate-100 px-3 py-1.5 text-sm" onClick={() => setReview(false)}>Back to editing</button>
          </div>
        </div>
      )}
      <details className="rounded border border-slate-200 p-2 text-sm" data-testid="file-history">
        <summary className="cursor-pointer">Previous versions ({history.data?.length ?? 0})</summary>
        <ul className="mt-2 space-y-1">
          {history.data?.map((v) => (
            <li key={v.version} className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">#{v.version}</span>
              <span>{v.file}</span>
              <span className="text-xs text-slate-500">{new Date(v.at).toLocaleString()} by {v.by} · {v.size} B</span>
              {canEdit && (
                <button className="rounded bg-slate-100 px-2 py-0.5 text-xs" disabled={restore.isPending} onClick={() => void restore.mutateAsync(v.version).then(() => { setNotice(`Restored version #${v.version}.`); refresh(); }, (e: Error) => setError({ message: e.message }))}>
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
