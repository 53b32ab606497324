'use client';
// Stack writes. Errors keep the server's `line` so the editor can mark it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStackBody, OperationBody, PutFilesBody } from '@/server/contract';
import { withEnv } from '../environment';
import { stackKeys } from './queries';

export class StackApiError extends Error {
  constructor(public status: number, message: string, public line?: number) {
    super(message);
  }
}

async function send<T>(method: string, path: string, json?: unknown): Promise<T> {
  const res = await fetch(withEnv(path), { method, credentials: 'same-origin', headers: json === undefined ? {} : { 'content-type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });
  const data = (await res.json().catch(() => ({}))) as T & { error?: string; line?: number };
  if (!res.ok) throw new StackApiError(res.status, data.error ?? `${res.status} ${res.statusText}`, data.line);
  return data;
}

const enc = encodeURIComponent;

export function useRunOperation(name: string) {
  return useMutation({ mutationFn: (body: OperationBody) => send<{ id: string }>('POST', `/api/stacks/${enc(name)}/operations`, body) });
}

export function useScale(name: string) {
  return useMutation({ mutationFn: (v: { service: string; replicas: number }) => send<{ id: string }>('POST', `/api/stacks/${enc(name)}/services/${enc(v.service)}/scale`, { replicas: v.replicas }) });
}

export function useSaveFiles(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutFilesBody) => send<{ saved: string[] }>('PUT', `/api/stacks/${enc(name)}/files`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.detail(name) }),
  });
}

export function useRestoreVersion(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => send<{ restored: string }>('POST', `/api/stacks/${enc(name)}/files/history/${version}/restore`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.detail(name) }),
  });
}

export function useCreateStack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStackBody) => send<{ name: string; dir: string }>('POST', '/api/stacks', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.list }),
  });
}

export function useDeleteStack(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => send<{ deleted: string }>('DELETE', `/api/stacks/${enc(name)}`, { confirm }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.list }),
  });
}
