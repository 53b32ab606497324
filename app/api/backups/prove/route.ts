import { route } from '@/server/http/route-handler';
import { proveTargetBody } from '@/server/contract';
import { proveTarget } from '@/server/backups/prove';

/** "Prove now": restore-tests the target's newest verified backup and answers with the result (ok or not). */
export const POST = route({ permission: 'backups:run', body: proveTargetBody }, async ({ app, env, body, principal }) => proveTarget({ app, env }, body.target, principal.username));
