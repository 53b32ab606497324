// The role a single sign-on user gets: the role claim's value(s) through SLIPWAY_OIDC_ROLE_MAP, the
// highest match winning; no match gives SLIPWAY_OIDC_DEFAULT_ROLE, or none (sign-in refused).
import type { Role } from '../contract';
import { roleAtLeast } from './permissions';

export function roleFromClaim(value: unknown, map: Record<string, Role>, fallback: Role | undefined): Role | null {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  let best: Role | null = null;
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const role = Object.prototype.hasOwnProperty.call(map, String(v)) ? map[String(v)] : undefined;
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best ?? fallback ?? null;
}

/** A Slipway username from the provider's claims: preferred_username (or email, or sub), in the allowed alphabet. */
export function usernameFromClaims(claims: Record<string, unknown>): string | null {
  for (const key of ['preferred_username', 'email', 'sub']) {
    const v = claims[key];
    if (typeof v !== 'string') continue;
    const name = v.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 64);
    if (/[a-zA-Z0-9]/.test(name)) return name;
  }
  return null;
}
