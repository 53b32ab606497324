// Local image tags for the deploy picker, newest first.
import type Docker from 'dockerode';
import type { LocalImage } from '../contract';

export async function listLocalImages(docker: Docker): Promise<LocalImage[]> {
  const images = await docker.listImages();
  return images
    .flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map((ref) => ({ ref, id: i.Id, created: i.Created, sizeBytes: i.Size })))
    .sort((a, b) => b.created - a.created || a.ref.localeCompare(b.ref));
}
