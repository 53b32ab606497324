// Where Slipway may send a probe or a verification request. Labels are written by whoever runs a
// container, so a URL in one is input, not authority: after DNS resolution, link-local and metadata
// addresses are refused in every spelling (IPv4, IPv6, IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96),
// as are unspecified and multicast ones. The request then connects to the address checked here (no
// second lookup a rebinding DNS could answer differently).
import dns from 'node:dns/promises';
import net from 'node:net';

/** The 16 bytes of an IPv6 address (any textual form, embedded IPv4 included); null if not IPv6. */
function v6Bytes(addr: string): number[] | null {
  if (!net.isIPv6(addr)) return null;
  let a = addr.split('%')[0].toLowerCase();
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    tail.push(...v4[1].split('.').map(Number));
    a = a.slice(0, -v4[1].length) + '0:0';
  }
  const [head, rest] = a.split('::');
  const parse = (s: string) => (s ? s.split(':').filter((x) => x !== '').map((h) => parseInt(h, 16)) : []);
  const h = parse(head);
  const r = rest === undefined ? [] : parse(rest);
  const groups = rest === undefined ? h : [...h, ...new Array(8 - h.length - r.length).fill(0), ...r];
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : null;
}

function v4Problem(b: number[]): string | null {
  const [a, c] = b;
  if (a === 169 && c === 254) return 'a link-local or cloud metadata address';
  if (a === 100 && c === 100 && b[2] === 100 && b[3] === 200) return 'a cloud metadata address';
  if (a === 0) return 'an unspecified address';
  if (a >= 224) return 'a multicast or reserved address';
  return null;
}

/** Why Slipway must not connect to this IP address, or null when it may. */
export function addressProblem(addr: string): string | null {
  if (net.isIPv4(addr)) return v4Problem(addr.split('.').map(Number));
  const b = v6Bytes(addr);
  if (!b) return 'not an IP address';
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d, 64:ff9b:1::/48)
  const embedded = (zero(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0 && !zero(12, 16) && !(zero(12, 15) && b[15] <= 1))))
    || (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && (zero(4, 12) || (b[4] === 0 && b[5] === 1)));
  if (embedded) {
    const p = v4Problem(b.slice(12));
    return p ? `${p} (embedded in ${addr})` : null;
  }
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'a link-local address';
  if (b[0] === 0xfd && b[1] === 0x00 && b[2] === 0x0e && b[3] === 0xc2 && zero(4, 14) && b[14] === 0x02 && b[15] === 0x54) return 'a cloud metadata address';
  if (zero(0, 16)) return 'an unspecified address';
  if (b[0] === 0xff) return 'a multicast address';
  return null;
}

export class UnsafeTargetError extends Error {}

/** Resolves the host and checks every address it has; the first one is where to connect. */
export async function resolveSafe(host: string): Promise<{ address: string; family: 4 | 6 }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const all = net.isIP(bare) ? [{ address: bare, family: net.isIP(bare) as 4 | 6 }] : await dns.lookup(bare, { all: true, verbatim: true }).catch(() => {
    throw new Error(`cannot resolve ${host}`);
  });
  if (all.length === 0) throw new Error(`cannot resolve ${host}`);
  for (const a of all) {
    const p = addressProblem(a.address);
    if (p) throw new UnsafeTargetError(`${host} resolves to ${a.address}, ${p}: refused`);
  }
  return { address: all[0].address, family: all[0].family as 4 | 6 };
}
