import { route } from '@/server/http/route-handler';
import { resetPasswordBody, usernameParam } from '@/server/contract';
import { resetPassword } from '@/server/auth/account';

/** An admin sets a temporary password; the user must choose their own at next sign-in. Audited. */
export const POST = route({ permission: 'users:manage', reauth: true, params: usernameParam, body: resetPasswordBody }, async ({ app, params, body, principal }) =>
  resetPassword(app, principal.username, params.username, body.password),
);
