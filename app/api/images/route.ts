import { route } from '@/server/http/route-handler';
import { listImages } from '@/server/images/list-images';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ env }) => listImages(env.docker));
