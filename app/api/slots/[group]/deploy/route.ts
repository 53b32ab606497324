import { route } from '@/server/http/route-handler';
import { deployBody, slotGroupParam } from '@/server/contract';
import { deployIdle } from '@/server/slots/deploy';
import { checkSlotImage } from '@/server/slots/image-policy';

export const POST = route({ permission: 'slots:switch', params: slotGroupParam, body: deployBody }, async ({ app, env, params, body, principal }) => {
  // before anything is touched: an operator may deploy only the repositories an admin chose (issue 15.8)
  if (body.image) checkSlotImage(app.db, principal, body.image);
  return deployIdle({ app, env }, params.group, { image: body.image, compose: body.compose, build: body.build, switch: body.switch, timeoutSec: body.timeoutSec }, principal.username);
});
