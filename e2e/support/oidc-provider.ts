// A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 for the single sign-on tests. Sign-in
// interactions finish by themselves as the account the test chose; the test can also make the provider
// misbehave the ways an attacker or a misconfiguration would: a tampered ID token, another issuer in its
// discovery document, authorization codes that expire at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestAccount {
  sub: string;
  preferred_username: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who the next sign-in is */
  account: TestAccount;
  tamper: { idToken: boolean; issuer: boolean };
  /** authorization code lifetime, seconds */
  codeTtl: number;
  /** whether an authorization code is still valid at the provider */
  codeAlive(code: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the provider on a free port; `redirectUris` are the Slipway callbacks it accepts. */
export async function startOidcProvider(redirectUris: string[]): Promise<TestProvider> {
  // oidc-provider is ESM only; a dynamic import works from both Vitest and Playwright's CommonJS transform
  const { default: Provider } = await import('oidc-provider');
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const state: TestProvider = {
    issuer,
    clientId: 'slipway-test',
    clientSecret: 'slipway-test-secret-0123456789abcdef',
    account: { sub: 'u-1', preferred_username: 'sso-user', groups: [] },
    tamper: { idToken: false, issuer: false },
    codeTtl: 60,
    codeAlive: async (code) => !!(await provider.AuthorizationCode.find(code)),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const accounts = new Map<string, TestAccount>();
  const provider = new Provider(issuer, {
    clients: [{ client_id: state.clientId, client_secret: state.clientSecret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'groups'],
    conformIdTokenClaims: false,
    // no grace after expiry: an expired code is refused as soon as it is
    clockTolerance: 0,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    ttl: { AuthorizationCode: () => state.codeTtl },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, id: string) => {
      const a = accounts.get(id);
      return a ? { accountId: id, claims: async () => ({ sub: a.sub, preferred_username: a.preferred_username, groups: a.groups }) } : undefined;
    },
    // first-party client: the grant is given without a consent screen
    loadExistingGrant: async (ctx: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile groups');
      grant.addOIDCClaims(['preferred_username', 'groups']);
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    if (ctx.path.startsWith('/interaction/')) {
      // the "login page": signs in as the chosen account at once
      const a = { ...state.account };
      accounts.set(a.sub, a);
      const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: a.sub } }, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(to);
      return;
    }
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (state.tamper.idToken && ctx.path === '/token' && body && typeof body.id_token === 'string') {
      // raise the role in the payload, keep the provider's signature
      const [h, p, s] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      claims.groups = ['admins'];
      body.id_token = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    }
    if (state.tamper.issuer && ctx.path === '/.well-known/openid-configuration' && body) ctx.body = { ...body, issuer: 'http://127.0.0.1:9/another-issuer' };
  });
  server.on('request', provider.callback());
  return state;
}
