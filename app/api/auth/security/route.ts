import { route } from '@/server/http/route-handler';
import { accountSecurity } from '@/server/auth/account';

export const dynamic = 'force-dynamic';

/** The caller's sign-in factors: TOTP on or off, recovery codes left, passkeys, last re-authentication. */
export const GET = route({ permission: 'read', duringEnrolment: true, duringPasswordChange: true }, async ({ app, principal }) => accountSecurity(app, principal));
