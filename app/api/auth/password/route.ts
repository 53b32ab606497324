import { route } from '@/server/http/route-handler';
import { changePasswordBody } from '@/server/contract';
import { changeOwnPassword } from '@/server/auth/account';
import { clientIp } from '@/server/http/principal';

/** The signed-in user's own password; their other sessions end. */
export const POST = route({ permission: 'read', duringPasswordChange: true, body: changePasswordBody }, async ({ app, req, principal, body }) =>
  changeOwnPassword(app, clientIp(req.headers), principal, body.current, body.next),
);
