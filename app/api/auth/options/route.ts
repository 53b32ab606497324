import { route } from '@/server/http/route-handler';
import type { SignInOptions } from '@/server/contract';

export const dynamic = 'force-dynamic';

/** What the sign-in page offers: password, single sign-on, passkeys (public, nothing secret). */
export const GET = route({ permission: null }, async ({ ctx }): Promise<SignInOptions> => ({
  localLogin: ctx.config.SLIPWAY_LOCAL_LOGIN !== 'off',
  oidc: !!ctx.config.SLIPWAY_OIDC_ISSUER,
  passkeys: true,
}));
