'use client';
// Reads for the container page's Inspect and Files tabs, and a volume's files.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export type FilesTarget = { kind: 'container'; id: string } | { kind: 'volume'; name: string };

export const filesBase = (t: FilesTarget) => (t.kind === 'container' ? (`/api/containers/${encodeURIComponent(t.id)}/files` as const) : (`/api/volumes/${encodeURIComponent(t.name)}/files` as const));
export const downloadUrl = (t: FilesTarget, p: string) => `${filesBase(t)}/download?path=${encodeURIComponent(p)}`;

export const useInspectQuery = (id: string) =>
  useQuery({ queryKey: ['container-inspect', id], queryFn: () => api(`/api/containers/${encodeURIComponent(id)}/inspect`), retry: false });

export const useFilesQuery = (t: FilesTarget, p: string) =>
  useQuery({
    queryKey: [t.kind === 'container' ? 'container-files' : 'volume-files', t.kind === 'container' ? t.id : t.name, p],
    queryFn: () => api(`${filesBase(t)}?path=${encodeURIComponent(p)}`),
    retry: false,
  });

/** A text file's content for the viewer (only asked for files within the view limit). */
export const useFileTextQuery = (t: FilesTarget, p: string | null) =>
  useQuery({
    queryKey: ['file-text', filesBase(t), p],
    enabled: p !== null,
    retry: false,
    queryFn: async () => {
      const res = await fetch(downloadUrl(t, p!), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      // a NUL in the first 8 KB: binary, offered as a download instead
      if (bytes.subarray(0, 8192).includes(0)) return { binary: true, text: '' };
      return { binary: false, text: new TextDecoder().decode(bytes) };
    },
  });
