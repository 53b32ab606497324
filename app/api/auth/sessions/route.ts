import { route } from '@/server/http/route-handler';
import { listOwnSessions } from '@/server/auth/own-sessions';

export const dynamic = 'force-dynamic';

/** The caller's own sessions, the current one marked. */
export const GET = route({ permission: 'read' }, async ({ app, principal }) => listOwnSessions(app, principal));
