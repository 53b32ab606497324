'use client';
// Stack writes through the typed api(). Errors are ApiError with the server's `line`, so the editor can mark it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createStackBody, type CreateStackBody, type OperationBody, type PutFilesBody } from '@/server/contract';
import { api } from '../api';
import { checkedBody } from '../form-check';
import { stackKeys } from './queries';

const enc = encodeURIComponent;

export function useRunOperation(name: string) {
  return useMutation({ mutationFn: (body: OperationBody) => api(`/api/stacks/${enc(name)}/operations`, { method: 'POST', json: body }) });
}

export function useScale(name: string) {
  return useMutation({ mutationFn: (v: { service: string; replicas: number }) => api(`/api/stacks/${enc(name)}/services/${enc(v.service)}/scale`, { method: 'POST', json: { replicas: v.replicas } }) });
}

export function useSaveFiles(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutFilesBody) => api(`/api/stacks/${enc(name)}/files`, { method: 'PUT', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.detail(name) }),
  });
}

export function useRestoreVersion(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api(`/api/stacks/${enc(name)}/files/history/${version}/restore`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.detail(name) }),
  });
}

export function useCreateStack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStackBody) => api('/api/stacks', { method: 'POST', json: checkedBody(createStackBody, body) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.list }),
  });
}

export function useDeleteStack(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => api(`/api/stacks/${enc(name)}`, { method: 'DELETE', json: { confirm } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stackKeys.list }),
  });
}
