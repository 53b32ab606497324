import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SignInSettings } from '@/server/contract';
import { api } from '../api';
import { accountKeys } from './queries';
import { registerPasskey } from './passkey-browser';

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: accountKeys.security });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (b: { current: string; next: string }) => api('/api/auth/password', { method: 'POST', json: b }) });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api('/api/auth/totp/setup', { method: 'POST' }) });
}

export function useTotpEnable() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (code: string) => api('/api/auth/totp/enable', { method: 'POST', json: { code } }), onSuccess: done });
}

export function useTotpRemove() {
  const done = useInvalidate();
  return useMutation({ mutationFn: () => api('/api/auth/totp', { method: 'DELETE' }), onSuccess: done });
}

export function useRegisterPasskey() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (name: string) => registerPasskey(name), onSuccess: done });
}

export function useRemovePasskey() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api(`/api/auth/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: done });
}

export function useSaveSignInSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SignInSettings) => api('/api/settings/sign-in', { method: 'PUT', json: s }),
    onSuccess: (s) => qc.setQueryData(accountKeys.signInSettings, s),
  });
}

export function useResetSecondFactor() {
  return useMutation({ mutationFn: (username: string) => api(`/api/users/${encodeURIComponent(username)}/second-factor`, { method: 'DELETE' }) });
}

/** Ends one of your other sessions; the list refreshes. */
export async function revokeOwnSession(qc: ReturnType<typeof useQueryClient>, id: string): Promise<void> {
  await api(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
  void qc.invalidateQueries({ queryKey: accountKeys.sessions });
}
