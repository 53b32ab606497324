import { useQuery } from '@tanstack/react-query';
import type { AccountSecurity, SignInSettings } from '@/server/contract';
import { api } from '../api';

export const accountKeys = {
  security: ['account', 'security'] as const,
  signInSettings: ['settings', 'sign-in'] as const,
};

export const useAccountSecurityQuery = () => useQuery({ queryKey: accountKeys.security, queryFn: () => api<AccountSecurity>('/api/auth/security') });
export const useSignInSettingsQuery = (enabled: boolean) =>
  useQuery({ queryKey: accountKeys.signInSettings, queryFn: () => api<SignInSettings>('/api/settings/sign-in'), enabled });
