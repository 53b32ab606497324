import { route } from '@/server/http/route-handler';
import { listLocalImages } from '@/server/slots/images';

export const GET = route({ permission: 'read' }, async ({ ctx }) => listLocalImages(ctx.docker));
