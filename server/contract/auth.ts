// Sign-in beyond passwords (issue 19): TOTP, recovery codes, passkeys, re-authentication, single sign-on.
// Pure: shared by the browser and the server.
import { z } from 'zod';
import type { Role } from './core';

/** What a 401 asks the browser for: a TOTP code at sign-in, or a fresh check before a sensitive action. */
export type AuthNeeds = 'totp' | 'reauth' | 'enrolment' | 'password';

export interface LoginResult {
  username: string;
  role: Role;
  /** the role must use a second factor and this user has none yet: the browser goes to enrolment */
  mustEnrol?: boolean;
  /** an admin reset the password: the browser goes to the change-password form */
  mustChangePassword?: boolean;
}

/** An admin's reset of another user's password: they must choose a new one at next sign-in. */
export const resetPasswordBody = z.object({ password: z.string().min(8, 'at least 8 characters').max(256) }).strict();

/** One of the signed-in user's own sessions (`id` is a public id, not the session's key). */
export interface OwnSession {
  id: string;
  current: boolean;
  method: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}
export const sessionIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'a session id') });

export const changePasswordBody = z.object({ current: z.string().min(1).max(256), next: z.string().min(8, 'at least 8 characters').max(256) });

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** the otpauth URL as a QR code, an SVG data URL */
  qr: string;
}
export const totpCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'a 6-digit code') });
export interface TotpEnabled {
  recoveryCodes: string[];
}

/** Re-authentication: the password, a TOTP or recovery code, or a passkey assertion (with its challenge id). */
export const reauthBody = z.union([
  z.object({ password: z.string().min(1).max(256) }).strict(),
  z.object({ code: z.string().trim().min(1).max(32) }).strict(),
  z.object({ challengeId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/), response: z.record(z.unknown()) }).strict(),
]);

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AccountSecurity {
  username: string;
  source: 'local' | 'oidc';
  totpEnabled: boolean;
  recoveryCodesLeft: number;
  passkeys: PasskeyRow[];
  /** when this session last proved its user (sign-in or re-authentication), epoch ms */
  reauthAt: number | null;
  mustEnrol: boolean;
  /** an admin reset the password: nothing else works until it is changed */
  mustChangePassword: boolean;
}

export const passkeyNameBody = z.object({ name: z.string().trim().min(1).max(64) });
/** A WebAuthn ceremony's answer (the browser library's JSON), tied to the challenge the server handed out. */
export const passkeyFinishBody = z.object({
  challengeId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/),
  response: z.record(z.unknown()),
  name: z.string().trim().min(1).max(64).optional(),
});
export const passkeyIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/, 'a credential id') });

export interface PasskeyChallenge {
  challengeId: string;
  /** PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON, handed to @simplewebauthn/browser */
  options: Record<string, unknown>;
}

export const SECOND_FACTOR_ROLES = ['admin', 'operator'] as const;
export const signInSettingsBody = z.object({ require2fa: z.array(z.enum(SECOND_FACTOR_ROLES)).max(2) }).strict();
export interface SignInSettings {
  require2fa: (typeof SECOND_FACTOR_ROLES)[number][];
}

/** What the sign-in page offers (public). */
export interface SignInOptions {
  localLogin: boolean;
  oidc: boolean;
  passkeys: boolean;
}
