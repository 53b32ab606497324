// Issue 19: the single sign-on and local sign-in variables.
import { describe, expect, it } from 'vitest';
import { loadConfig as load } from '../config';

const loadConfig = (env: Record<string, string>) => load(env as NodeJS.ProcessEnv);
const OIDC = { SLIPWAY_OIDC_ISSUER: 'https://id.example.com', SLIPWAY_OIDC_CLIENT_ID: 'slipway' };

describe('sign-in configuration', () => {
  it('parses the role map and defaults', () => {
    const c = loadConfig({ ...OIDC, SLIPWAY_OIDC_ROLE_MAP: 'ops=operator, ops-admins=admin' });
    expect(c.SLIPWAY_OIDC_ROLE_MAP).toEqual({ ops: 'operator', 'ops-admins': 'admin' });
    expect(c).toMatchObject({ SLIPWAY_OIDC_ROLE_CLAIM: 'groups', SLIPWAY_LOCAL_LOGIN: 'on', SLIPWAY_OIDC_SCOPES: 'openid profile email' });
    expect(loadConfig({}).SLIPWAY_OIDC_ROLE_MAP).toEqual({});
  });

  it('refuses a bad map entry, an issuer without a client id, and local login off without single sign-on', () => {
    expect(() => loadConfig({ ...OIDC, SLIPWAY_OIDC_ROLE_MAP: 'ops=root' })).toThrow(/SLIPWAY_OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...OIDC, SLIPWAY_OIDC_ROLE_MAP: 'operator' })).toThrow(/SLIPWAY_OIDC_ROLE_MAP/);
    expect(() => loadConfig({ SLIPWAY_OIDC_ISSUER: 'https://id.example.com' })).toThrow(/SLIPWAY_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ SLIPWAY_LOCAL_LOGIN: 'off' })).toThrow(/SLIPWAY_LOCAL_LOGIN/);
    expect(() => loadConfig({ ...OIDC, SLIPWAY_OIDC_ISSUER: 'ftp://id.example.com' })).toThrow(/SLIPWAY_OIDC_ISSUER/);
    expect(loadConfig({ ...OIDC, SLIPWAY_LOCAL_LOGIN: 'off', SLIPWAY_BREAK_GLASS_USER: 'admin' }).SLIPWAY_BREAK_GLASS_USER).toBe('admin');
  });
});
