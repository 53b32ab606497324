import { route } from '@/server/http/route-handler';
import type { SignInOptions } from '@/server/contract';

export const dynamic = 'force-dynamic';

/** What the sign-in page offers: password, single sign-on, passkeys (public, nothing secret). */
export const GET = route({ permission: null }, async ({ app }): Promise<SignInOptions> => ({
  localLogin: app.config.SLIPWAY_LOCAL_LOGIN !== 'off',
  oidc: !!app.config.SLIPWAY_OIDC_ISSUER,
  passkeys: true,
}));
