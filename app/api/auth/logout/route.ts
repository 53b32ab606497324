import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { revokeSession } from '@/server/auth/sessions';
import { recordAudit } from '@/server/audit/audit-log';
import { clearSessionCookie } from '@/server/http/session-cookie';

export const POST = route({ permission: 'read', duringEnrolment: true, duringPasswordChange: true }, async ({ app, principal }) => {
  if (principal?.sessionHash) {
    revokeSession(app.db, principal.sessionHash);
    app.disconnectSockets({ sessionHash: principal.sessionHash });
  }
  recordAudit(app.db, { username: principal.username, action: 'logout', result: 'ok' });
  return clearSessionCookie(NextResponse.json({ username: principal.username, role: principal.role }));
});
