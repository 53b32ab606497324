import { describe, expect, it } from 'vitest';
import { roleFromClaim, usernameFromClaims } from './oidc-roles';

const MAP = { ops: 'operator', admins: 'admin', staff: 'viewer' } as const;

describe('single sign-on roles', () => {
  it('maps a string or a list of claim values, the highest role winning', () => {
    expect(roleFromClaim('ops', MAP, undefined)).toBe('operator');
    expect(roleFromClaim(['staff', 'admins', 'ops'], MAP, undefined)).toBe('admin');
    expect(roleFromClaim(['staff'], MAP, undefined)).toBe('viewer');
  });

  it('gives the default role, or none, when nothing matches (and never matches inherited keys)', () => {
    expect(roleFromClaim(['nobody'], MAP, undefined)).toBeNull();
    expect(roleFromClaim(undefined, MAP, 'viewer')).toBe('viewer');
    expect(roleFromClaim('constructor', MAP, undefined)).toBeNull();
    expect(roleFromClaim({ ops: true }, MAP, undefined)).toBeNull();
  });

  it('derives a username in the allowed alphabet', () => {
    expect(usernameFromClaims({ preferred_username: 'jane.doe', sub: 'x' })).toBe('jane.doe');
    expect(usernameFromClaims({ email: 'jane@example.com', sub: 'x' })).toBe('jane_example.com');
    expect(usernameFromClaims({ sub: '@@@' })).toBeNull();
  });
});
