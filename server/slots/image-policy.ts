// Issue 15.8: an operator's slot deploy of an arbitrary image is as good as a shell on the host, so
// admins choose the repositories operators may deploy; admins deploy any image. Compose deploys run the
// stack's own files (the owner's choice of image), so they are not limited here.
import type { Db } from '../store/db';
import { HttpError } from '../http/errors';
import { repositoryAllowed } from '../contract';
import type { Principal } from '../auth/permissions';
import { can } from '../auth/permissions';
import { recordAudit } from '../audit/audit-log';

export function slotImageRepositories(db: Db): string[] {
  return (db.prepare('SELECT repository FROM slot_image_repositories ORDER BY repository').all() as { repository: string }[]).map((r) => r.repository);
}

export function setSlotImageRepositories(db: Db, repositories: string[], username: string): string[] {
  const unique = [...new Set(repositories)].sort();
  db.transaction(() => {
    db.prepare('DELETE FROM slot_image_repositories').run();
    const ins = db.prepare('INSERT INTO slot_image_repositories (repository, added_by) VALUES (?, ?)');
    for (const r of unique) ins.run(r, username);
  })();
  return unique;
}

/** Refuses (403) an image outside the allow-list for a principal who may not choose images. */
export function checkSlotImage(db: Db, principal: Principal, image: string) {
  if (can(principal, 'slots:images')) return;
  const allowed = slotImageRepositories(db);
  if (!repositoryAllowed(image, allowed)) {
    recordAudit(db, { username: principal.username, action: 'slots.deploy', target: image, result: 'denied', detail: { reason: 'image repository not allowed for operators' } });
    throw new HttpError(403, allowed.length ? `operators may deploy only images of ${allowed.join(', ')} to a slot; ${image} is not one` : `no image repository is allowed for operators yet: an admin chooses them in Settings (slot images)`);
  }
}
