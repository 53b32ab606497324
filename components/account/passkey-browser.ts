// The browser half of passkey ceremonies (@simplewebauthn/browser) against Slipway's routes.
import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { LoginResult } from '@/server/contract';
import { api } from '../api';

/** Asks the authenticator for an assertion; the answer and its challenge id, ready for login or reauth. */
export async function passkeyAssertion(): Promise<{ challengeId: string; response: Record<string, unknown> }> {
  const c = await api('/api/auth/passkeys/challenge', { method: 'POST' });
  const response = await startAuthentication({ optionsJSON: c.options as unknown as PublicKeyCredentialRequestOptionsJSON });
  return { challengeId: c.challengeId, response: response as unknown as Record<string, unknown> };
}

export async function signInWithPasskey(): Promise<LoginResult> {
  return api('/api/auth/passkeys/login', { method: 'POST', json: await passkeyAssertion() });
}

export async function registerPasskey(name: string): Promise<{ id: string }> {
  const c = await api('/api/auth/passkeys', { method: 'POST' });
  const response = await startRegistration({ optionsJSON: c.options as unknown as PublicKeyCredentialCreationOptionsJSON });
  return api('/api/auth/passkeys/register', { method: 'POST', json: { challengeId: c.challengeId, response: response as unknown as Record<string, unknown>, name } });
}
