import { route } from '@/server/http/route-handler';
import { slotImagesBody, type SlotImagesSetting } from '@/server/contract';
import { setSlotImageRepositories, slotImageRepositories } from '@/server/slots/image-policy';
import { recordAudit } from '@/server/audit/audit-log';

export const GET = route({ permission: 'read' }, async ({ app }): Promise<SlotImagesSetting> => ({ repositories: slotImageRepositories(app.db) }));

export const PUT = route({ permission: 'slots:images', body: slotImagesBody }, async ({ app, body, principal }): Promise<SlotImagesSetting> => {
  const before = slotImageRepositories(app.db);
  const repositories = setSlotImageRepositories(app.db, body.repositories, principal.username);
  recordAudit(app.db, { username: principal.username, action: 'settings.slot-images', target: 'slot-images', result: 'ok', detail: { before, after: repositories } });
  return { repositories };
});
