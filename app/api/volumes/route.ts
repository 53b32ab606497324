import { route } from '@/server/http/route-handler';
import { volumeListQuery } from '@/server/contract';
import { listVolumes } from '@/server/volumes/volumes';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', query: volumeListQuery }, async ({ env, query }) => listVolumes(env.docker, query.sizes === '1'));
