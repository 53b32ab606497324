import { route } from '@/server/http/route-handler';
import { listNetworks } from '@/server/networks/networks';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ env }) => listNetworks(env.docker));
