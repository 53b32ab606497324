import { route } from '@/server/http/route-handler';
import { signInSettingsBody } from '@/server/contract';
import { getSignInSettings, setSignInSettings } from '@/server/auth/sign-in-settings';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ app }) => getSignInSettings(app.db));

/** Which roles must use a second factor: their password sign-ins without one go to enrolment first. */
export const PUT = route({ permission: 'users:manage', reauth: true, body: signInSettingsBody }, async ({ app, principal, body }) => {
  const before = getSignInSettings(app.db);
  const after = setSignInSettings(app.db, body);
  recordAudit(app.db, { username: principal.username, action: 'settings.sign-in', result: 'ok', detail: { before, after } });
  return after;
});
