// RFC 6238 appendix B test vectors (SHA1 rows, 8 digits, seed "12345678901234567890") and the ±1 step window.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUrl } from './totp';

const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('totp', () => {
  for (const [t, code] of VECTORS)
    it(`RFC 6238 vector T=${t} gives ${code}`, () => {
      expect(hotp(SEED, Math.floor(t / 30), 8)).toBe(code);
    });

  it('round-trips base32 (RFC 4648 example) and decodes the RFC seed', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').equals(SEED)).toBe(true);
  });

  it('accepts a code one step either side of now and nothing further, and says which step matched', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    // T=59 s is step 1; its 6-digit code is the last 6 digits of the 8-digit vector
    expect(matchTotp(secret, '287082', 59_000)).toBe(1);
    expect(matchTotp(secret, '287082', 89_000)).toBe(1); // now step 2
    expect(matchTotp(secret, '287082', 29_000)).toBe(1); // now step 0
    expect(matchTotp(secret, '287082', 120_000)).toBeNull(); // step 4
    expect(matchTotp(secret, '28708', 59_000)).toBeNull();
    expect(matchTotp(secret, 'abcdef', 59_000)).toBeNull();
  });

  it('writes an otpauth URL authenticator apps read', () => {
    expect(otpauthUrl('Slipway', 'alice', 'ABC')).toBe('otpauth://totp/Slipway%3Aalice?secret=ABC&issuer=Slipway&algorithm=SHA1&digits=6&period=30');
  });
});
