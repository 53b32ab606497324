// TOTP enrolment and checks, and the 10 single-use recovery codes (stored as sha256: they are random,
// 50 bits each, so a fast hash is enough). A TOTP code is accepted once: the step it belongs to is
// stored, and a code of that step or an earlier one is refused (RFC 6238 section 5.2).
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Db } from '../store/db';
import type { TotpSetup } from '../contract';
import { HttpError } from '../http/errors';
import { base32Encode, matchTotp, newTotpSecret, otpauthUrl } from './totp';
import { sha256 } from './passwords';

const RECOVERY_CODE_COUNT = 10;

interface TotpRow {
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
}

function totpRow(db: Db, username: string): TotpRow {
  const row = db.prepare('SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE username = ?').get(username) as TotpRow | undefined;
  if (!row) throw new HttpError(404, `no user ${username}`);
  return row;
}

export function totpEnabled(db: Db, username: string): boolean {
  return totpRow(db, username).totp_enabled === 1;
}

/** A new secret, pending until a code from it is entered (enableTotp). */
export async function beginTotpSetup(db: Db, username: string): Promise<TotpSetup> {
  if (totpEnabled(db, username)) throw new HttpError(409, 'two-factor authentication is already on; remove it first to set up a new authenticator');
  const secret = newTotpSecret();
  db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE username = ?').run(secret, username);
  const url = otpauthUrl('Slipway', username, secret);
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUrl: url, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Accepts a step only if it is newer than the last one used (atomic, so two parallel requests cannot both pass). */
function claimStep(db: Db, username: string, step: number): boolean {
  return db.prepare('UPDATE users SET totp_last_step = ? WHERE username = ? AND (totp_last_step IS NULL OR totp_last_step < ?)').run(step, username, step).changes === 1;
}

/** The first code from the pending secret turns TOTP on and hands out the recovery codes (shown once). */
export function enableTotp(db: Db, username: string, code: string): string[] {
  const row = totpRow(db, username);
  if (row.totp_enabled) throw new HttpError(409, 'two-factor authentication is already on');
  if (!row.totp_secret) throw new HttpError(409, 'start the set-up first (POST /api/auth/totp/setup)');
  const step = matchTotp(row.totp_secret, code);
  if (step === null || !claimStep(db, username, step)) throw new HttpError(400, 'wrong code: enter the current code from your authenticator app');
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  db.transaction(() => {
    db.prepare('UPDATE users SET totp_enabled = 1 WHERE username = ?').run(username);
    db.prepare('DELETE FROM recovery_codes WHERE username = ?').run(username);
    const insert = db.prepare('INSERT INTO recovery_codes (username, code_hash) VALUES (?, ?)');
    for (const c of codes) insert.run(username, sha256(normalizeRecovery(c)));
  })();
  return codes;
}

export function disableTotp(db: Db, username: string) {
  db.transaction(() => {
    db.prepare('UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL WHERE username = ?').run(username);
    db.prepare('DELETE FROM recovery_codes WHERE username = ?').run(username);
  })();
}

function newRecoveryCode(): string {
  const s = base32Encode(crypto.randomBytes(7)).slice(0, 10).toLowerCase();
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

function normalizeRecovery(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Checks a second-factor code of a user with TOTP on: a current TOTP code not used before, or an unused
 * recovery code (then spent). Returns what matched, or null.
 */
export function checkSecondFactor(db: Db, username: string, code: string): 'totp' | 'recovery' | null {
  const row = totpRow(db, username);
  if (!row.totp_enabled || !row.totp_secret) return null;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotp(row.totp_secret, trimmed);
    return step !== null && claimStep(db, username, step) ? 'totp' : null;
  }
  const spent = db
    .prepare("UPDATE recovery_codes SET used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE username = ? AND code_hash = ? AND used_at IS NULL")
    .run(username, sha256(normalizeRecovery(trimmed)));
  return spent.changes === 1 ? 'recovery' : null;
}

export function recoveryCodesLeft(db: Db, username: string): number {
  return (db.prepare('SELECT count(*) AS n FROM recovery_codes WHERE username = ? AND used_at IS NULL').get(username) as { n: number }).n;
}
