// Passkeys with @simplewebauthn/server: registration from account settings, and assertions that sign a
// user in (discoverable credentials: the authenticator says who) or re-authenticate a session. The
// relying party is the host the browser used (its origin is checked by the library against the
// client data); user verification is required, so a passkey is a second factor in itself.
import crypto from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db } from '../store/db';
import type { PasskeyChallenge } from '../contract';
import { HttpError } from '../http/errors';
import { addPasskey, credentialIdsOf, findPasskey, recordPasskeyUse } from './passkey-store';

const CHALLENGE_TTL_MS = 5 * 60_000;

/** Where the ceremony happens: the browser's origin and the host part of it (the WebAuthn RP ID). */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

interface Pending {
  kind: 'register' | 'authenticate';
  challenge: string;
  rp: RelyingParty;
  /** the registering user (registration only) */
  username?: string;
  expiresAt: number;
}

// One map per process: route handlers live in Next's bundle, so a module-level Map could exist twice.
const KEY = Symbol.for('slipway.passkeyChallenges');
function pending(): Map<string, Pending> {
  const g = globalThis as { [KEY]?: Map<string, Pending> };
  g[KEY] ??= new Map();
  return g[KEY]!;
}

function remember(p: Pending): string {
  const map = pending();
  const now = Date.now();
  for (const [k, v] of map) if (v.expiresAt <= now) map.delete(k);
  if (map.size > 10_000) throw new HttpError(429, 'too many passkey ceremonies under way; try again shortly');
  const id = crypto.randomBytes(18).toString('base64url');
  map.set(id, p);
  return id;
}

/** The pending ceremony, used once (a second answer to the same challenge is refused). */
function take(id: string, kind: Pending['kind'], rp: RelyingParty): Pending {
  const p = pending().get(id);
  pending().delete(id);
  if (!p || p.kind !== kind || p.expiresAt <= Date.now()) throw new HttpError(400, 'this passkey request expired or was already used: try again');
  if (p.rp.origin !== rp.origin) throw new HttpError(400, 'the passkey request came from another origin');
  return p;
}

export function relyingPartyOf(origin: string): RelyingParty {
  return { origin, rpID: new URL(origin).hostname };
}

export async function beginRegistration(db: Db, username: string, rp: RelyingParty): Promise<PasskeyChallenge> {
  const options = await generateRegistrationOptions({
    rpName: 'Slipway',
    rpID: rp.rpID,
    userName: username,
    // a stable handle per user, not the name itself (WebAuthn asks for an opaque one)
    userID: crypto.createHash('sha256').update(`slipway-user:${username}`).digest().subarray(0, 32),
    attestationType: 'none',
    excludeCredentials: credentialIdsOf(db, username),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = remember({ kind: 'register', challenge: options.challenge, rp, username, expiresAt: Date.now() + CHALLENGE_TTL_MS });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

export async function finishRegistration(db: Db, username: string, rp: RelyingParty, challengeId: string, response: unknown, name: string): Promise<{ id: string }> {
  const p = take(challengeId, 'register', rp);
  if (p.username !== username) throw new HttpError(400, 'this passkey request belongs to another user');
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: p.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch (e) {
    throw new HttpError(400, `the passkey could not be verified: ${(e as Error).message}`);
  }
  if (!result.verified) throw new HttpError(400, 'the passkey could not be verified');
  const { credential } = result.registrationInfo;
  if (findPasskey(db, credential.id)) throw new HttpError(409, 'this passkey is already registered');
  addPasskey(db, { id: credential.id, username, name, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [] });
  return { id: credential.id };
}

/** A challenge for any of this site's passkeys (sign-in: the authenticator offers the user's own). */
export async function beginAuthentication(rp: RelyingParty): Promise<PasskeyChallenge> {
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'required' });
  const challengeId = remember({ kind: 'authenticate', challenge: options.challenge, rp, expiresAt: Date.now() + CHALLENGE_TTL_MS });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/** Verifies an assertion against the stored key and counter; returns whose passkey it was. */
export async function verifyAssertion(db: Db, rp: RelyingParty, challengeId: string, response: unknown): Promise<{ username: string; passkeyId: string }> {
  const p = take(challengeId, 'authenticate', rp);
  const id = typeof (response as { id?: unknown })?.id === 'string' ? (response as { id: string }).id : '';
  const stored = id ? findPasskey(db, id) : null;
  if (!stored) throw new HttpError(401, 'unknown passkey');
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: p.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: stored.id, publicKey: stored.publicKey as Uint8Array<ArrayBuffer>, counter: stored.counter, transports: stored.transports as never },
      requireUserVerification: true,
    });
  } catch (e) {
    throw new HttpError(401, `the passkey could not be verified: ${(e as Error).message}`);
  }
  if (!result.verified) throw new HttpError(401, 'the passkey could not be verified');
  recordPasskeyUse(db, stored.id, result.authenticationInfo.newCounter);
  return { username: stored.username, passkeyId: stored.id };
}
