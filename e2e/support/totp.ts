// The test's own RFC 6238 code generator (HMAC-SHA1, 30 s, 6 digits), written apart from the server's
// so a shared mistake cannot pass both.
import crypto from 'node:crypto';

function fromBase32(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...s.replace(/=+$/, '').toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code for the 30-second step holding `atMs` (default now); `offsetSteps` picks a neighbouring step. */
export function totpCode(secret: string, offsetSteps = 0, atMs = Date.now()): string {
  const counter = Math.floor(atMs / 30_000) + offsetSteps;
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  msg.writeUInt32BE(counter % 2 ** 32, 4);
  const h = crypto.createHmac('sha1', fromBase32(secret)).update(msg).digest();
  const o = h[19] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}
