// Prune in two steps: a preview of the unused images and their size, then removal of exactly the
// previewed ids that are still unused. What the confirmation showed is what goes.
import type Docker from 'dockerode';
import type { PrunePreview, PruneResult } from '../contract';
import { containersByImage, listImages } from './list-images';

export async function prunePreview(docker: Docker): Promise<PrunePreview> {
  const unused = (await listImages(docker)).filter((i) => i.containers.length === 0);
  return {
    images: unused.map((i) => ({ id: i.id, tags: i.tags, sizeBytes: i.sizeBytes, dangling: i.dangling })),
    reclaimableBytes: unused.reduce((n, i) => n + i.sizeBytes, 0),
  };
}

export async function pruneImages(docker: Docker, ids: string[]): Promise<PruneResult> {
  const using = await containersByImage(docker);
  const sizes = new Map((await docker.listImages()).map((i) => [i.Id, i.Size]));
  const result: PruneResult = { deleted: [], reclaimedBytes: 0, skipped: [] };
  for (const id of new Set(ids)) {
    if (!sizes.has(id)) {
      result.skipped.push({ id, reason: 'already gone' });
      continue;
    }
    if (using.get(id)?.length) {
      result.skipped.push({ id, reason: 'in use' });
      continue;
    }
    try {
      await docker.getImage(id).remove({ force: true });
      result.deleted.push(id);
      result.reclaimedBytes += sizes.get(id) ?? 0;
    } catch (e) {
      // a child image or a container created meanwhile: the engine says no, the rest goes on
      result.skipped.push({ id, reason: (e as { json?: { message?: string } }).json?.message ?? (e as Error).message });
    }
  }
  return result;
}

/** `docker image prune` (dangling only): untagged images no container uses. */
export async function pruneDangling(docker: Docker): Promise<PruneResult> {
  const r = await docker.pruneImages({ filters: JSON.stringify({ dangling: ['true'] }) });
  const deleted = (r.ImagesDeleted ?? []).map((d) => d.Deleted).filter((x): x is string => !!x);
  return { deleted, reclaimedBytes: r.SpaceReclaimed ?? 0, skipped: [] };
}
