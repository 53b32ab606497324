import { route } from '@/server/http/route-handler';
import { totpCodeBody, type TotpEnabled } from '@/server/contract';
import { enableTotp } from '@/server/auth/second-factor';
import { upgradeSessionMethod } from '@/server/auth/sessions';
import { recordAudit } from '@/server/audit/audit-log';
import { HttpError } from '@/server/http/errors';

/** The first code from the new secret turns TOTP on; the 10 recovery codes are shown this once. */
export const POST = route({ permission: 'read', reauth: true, duringEnrolment: true, body: totpCodeBody }, async ({ app, principal, body }): Promise<TotpEnabled> => {
  const p = principal;
  if (p.via !== 'session' || !p.sessionHash) throw new HttpError(400, 'two-factor authentication belongs to a user; sign in to set it up');
  try {
    const recoveryCodes = enableTotp(app.db, p.username, body.code);
    // this session now holds both factors: an enrolment gate (required 2FA) is lifted for it
    if (p.method === 'password') upgradeSessionMethod(app.db, p.sessionHash, 'password+totp');
    recordAudit(app.db, { username: p.username, action: 'totp.enable', target: p.username, result: 'ok' });
    return { recoveryCodes };
  } catch (e) {
    recordAudit(app.db, { username: p.username, action: 'totp.enable', target: p.username, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
