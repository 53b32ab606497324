import { route } from '@/server/http/route-handler';
import { listLocalImages } from '@/server/slots/images';

export const GET = route({ permission: 'read' }, async ({ env }) => listLocalImages(env.docker));
