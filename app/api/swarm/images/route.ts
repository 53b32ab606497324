import { route } from '@/server/http/route-handler';
import { listLocalImages } from '@/server/slots/images';

/** Local image tags of the environment's engine, for the update form's picker. */
export const GET = route({ permission: 'read' }, async ({ env }) => listLocalImages(env.docker));
