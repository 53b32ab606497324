// Volumes with the containers mounting each (running or stopped), sizes when asked (the engine's
// disk-usage call walks every volume, so it is opt-in), remove and remove-unused.
import type Docker from 'dockerode';
import type { ContainerRef, RemoveUnusedResult, VolumeSummary } from '../contract';
import { HttpError } from '../http/errors';

async function mountsByVolume(docker: Docker): Promise<Map<string, ContainerRef[]>> {
  const all = await docker.listContainers({ all: true });
  const by = new Map<string, ContainerRef[]>();
  for (const c of all)
    for (const m of c.Mounts ?? [])
      if (m.Type === 'volume' && m.Name) by.set(m.Name, [...(by.get(m.Name) ?? []), { id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') }]);
  return by;
}

export async function listVolumes(docker: Docker, withSizes: boolean): Promise<VolumeSummary[]> {
  const [{ Volumes }, using, df] = await Promise.all([
    docker.listVolumes(),
    mountsByVolume(docker),
    withSizes ? (docker.df() as Promise<{ Volumes?: { Name: string; UsageData?: { Size: number } | null }[] }>) : Promise.resolve(null),
  ]);
  const sizes = new Map((df?.Volumes ?? []).map((v) => [v.Name, v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : null]));
  return (Volumes ?? [])
    .map((v) => {
      const labels = v.Labels ?? {};
      return {
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        createdAt: (v as { CreatedAt?: string }).CreatedAt ?? null,
        labels,
        project: labels['com.docker.compose.project'] ?? null,
        sizeBytes: sizes.get(v.Name) ?? null,
        containers: using.get(v.Name) ?? [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function removeVolume(docker: Docker, name: string): Promise<void> {
  const users = (await mountsByVolume(docker)).get(name) ?? [];
  if (users.length) throw new HttpError(409, `volume is in use by ${users.map((c) => c.name).join(', ')}`, { containers: users });
  await docker.getVolume(name).remove();
}

/** Removes exactly the named volumes that are still unused; in-use or vanished ones are reported. */
export async function removeUnusedVolumes(docker: Docker, names: string[]): Promise<RemoveUnusedResult> {
  const using = await mountsByVolume(docker);
  const exists = new Set(((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name));
  const out: RemoveUnusedResult = { removed: [], skipped: [] };
  for (const name of new Set(names)) {
    if (!exists.has(name)) out.skipped.push({ name, reason: 'not found' });
    else if (using.get(name)?.length) out.skipped.push({ name, reason: 'in use' });
    else
      await docker
        .getVolume(name)
        .remove()
        .then(() => out.removed.push(name))
        .catch((e: { json?: { message?: string } }) => out.skipped.push({ name, reason: e.json?.message ?? 'refused by the engine' }));
  }
  return out;
}
