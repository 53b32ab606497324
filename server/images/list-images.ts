// The images of one engine with the containers created from each (running or stopped).
import type Docker from 'dockerode';
import type { ContainerRef, ImageSummary } from '../contract';

/** Image ID → containers using it; one listing of every container (stopped ones hold their image too). */
export async function containersByImage(docker: Docker): Promise<Map<string, ContainerRef[]>> {
  const all = await docker.listContainers({ all: true });
  const by = new Map<string, ContainerRef[]>();
  for (const c of all) {
    const ref = { id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') };
    by.set(c.ImageID, [...(by.get(c.ImageID) ?? []), ref]);
  }
  return by;
}

export async function listImages(docker: Docker): Promise<ImageSummary[]> {
  const [images, using] = await Promise.all([docker.listImages({ all: false }), containersByImage(docker)]);
  return images
    .map((i) => {
      const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      return {
        id: i.Id,
        tags,
        digests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
        sizeBytes: i.Size,
        created: new Date(i.Created * 1000).toISOString(),
        containers: using.get(i.Id) ?? [],
        dangling: tags.length === 0,
      };
    })
    .sort((a, b) => b.created.localeCompare(a.created));
}
