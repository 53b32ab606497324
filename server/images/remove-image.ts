// Removing one image: refused (409) while any container, running or stopped, was created from it.
import type Docker from 'dockerode';
import { HttpError } from '../http/errors';
import { containersByImage } from './list-images';

export async function removeImage(docker: Docker, ref: string): Promise<{ id: string; tags: string[] }> {
  const info = await docker.getImage(ref).inspect().catch((e: { statusCode?: number }) => {
    if (e.statusCode === 404) throw new HttpError(404, `no image ${ref}`);
    throw e;
  });
  const users = (await containersByImage(docker)).get(info.Id) ?? [];
  if (users.length) throw new HttpError(409, `image is in use by ${users.map((c) => c.name).join(', ')}`, { containers: users });
  // force only untags every repository at once; in-use was refused above and the engine refuses it too (noprune=false)
  await docker.getImage(info.Id).remove({ force: true });
  return { id: info.Id, tags: info.RepoTags ?? [] };
}
