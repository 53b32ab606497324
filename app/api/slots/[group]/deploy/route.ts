import { route } from '@/server/http/route-handler';
import { deployBody, slotGroupParam } from '@/server/contract';
import { deployToIdle } from '@/server/slots/deploy';

export const POST = route({ permission: 'slots:switch', params: slotGroupParam, body: deployBody }, async ({ ctx, params, body, principal }) =>
  deployToIdle(ctx, params.group, body.image, { switch: body.switch, timeoutSec: body.timeoutSec }, principal!.username),
);
