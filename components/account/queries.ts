import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const accountKeys = {
  security: ['account', 'security'] as const,
  signInSettings: ['settings', 'sign-in'] as const,
  sessions: ['account', 'sessions'] as const,
};

export const useAccountSecurityQuery = () => useQuery({ queryKey: accountKeys.security, queryFn: () => api('/api/auth/security') });
export const useSignInSettingsQuery = (enabled: boolean) =>
  useQuery({ queryKey: accountKeys.signInSettings, queryFn: () => api('/api/settings/sign-in'), enabled });
export const useOwnSessionsQuery = (enabled = true) => useQuery({ queryKey: accountKeys.sessions, queryFn: () => api('/api/auth/sessions'), enabled });
