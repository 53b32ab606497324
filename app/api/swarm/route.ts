import { route } from '@/server/http/route-handler';
import { swarmStatus } from '@/server/swarm/swarm-engine';

/** Whether this environment is a swarm manager, and its nodes. Never 409: {swarm: false, message} instead. */
export const GET = route({ permission: 'read' }, async ({ env }) => swarmStatus(env.docker));
