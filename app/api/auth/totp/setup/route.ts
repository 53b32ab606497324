import { route } from '@/server/http/route-handler';
import type { TotpSetup } from '@/server/contract';
import { beginTotpSetup } from '@/server/auth/second-factor';
import { HttpError } from '@/server/http/errors';

/** A new pending secret and its QR code; nothing changes for sign-in until a code is confirmed (enable). */
export const POST = route({ permission: 'read', reauth: true, duringEnrolment: true }, async ({ app, principal }): Promise<TotpSetup> => {
  if (principal.via !== 'session') throw new HttpError(400, 'two-factor authentication belongs to a user; sign in to set it up');
  return beginTotpSetup(app.db, principal.username);
});
