import { route } from '@/server/http/route-handler';
import { slotGroupParam, switchBody } from '@/server/contract';
import { switchSlot } from '@/server/slots/switch';

export const POST = route({ permission: 'slots:switch', params: slotGroupParam, body: switchBody }, async ({ app, env, params, body, principal }) => {
  const r = await switchSlot({ app, env }, params.group, body.to, principal.username);
  return r;
});
