// Networks with their connected containers, remove and remove-unused. The engine's own networks
// (bridge, host, none) are listed but never removable.
import type Docker from 'dockerode';
import type { NetworkSummary, RemoveUnusedResult } from '../contract';
import { HttpError } from '../http/errors';

const BUILTIN = new Set(['bridge', 'host', 'none']);

export async function listNetworks(docker: Docker): Promise<NetworkSummary[]> {
  const [nets, all] = await Promise.all([docker.listNetworks(), docker.listContainers({ all: true })]);
  // the list endpoint leaves Containers empty; a container's own NetworkSettings names its networks
  const byNet = new Map<string, { id: string; name: string }[]>();
  for (const c of all)
    for (const [, n] of Object.entries(c.NetworkSettings?.Networks ?? {}))
      if (n.NetworkID) byNet.set(n.NetworkID, [...(byNet.get(n.NetworkID) ?? []), { id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') }]);
  return nets
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: !!n.Internal,
      builtin: BUILTIN.has(n.Name),
      project: n.Labels?.['com.docker.compose.project'] ?? null,
      createdAt: n.Created ?? null,
      containers: byNet.get(n.Id) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function find(docker: Docker, ref: string): Promise<NetworkSummary> {
  const n = (await listNetworks(docker)).find((x) => x.id === ref || x.name === ref || (ref.length >= 12 && x.id.startsWith(ref)));
  if (!n) throw new HttpError(404, `no network ${ref}`);
  return n;
}

export async function removeNetwork(docker: Docker, ref: string): Promise<NetworkSummary> {
  const n = await find(docker, ref);
  if (n.builtin) throw new HttpError(409, `${n.name} is one of the engine's own networks`);
  if (n.containers.length) throw new HttpError(409, `network is in use by ${n.containers.map((c) => c.name).join(', ')}`, { containers: n.containers });
  await docker.getNetwork(n.id).remove();
  return n;
}

export async function removeUnusedNetworks(docker: Docker, names: string[]): Promise<RemoveUnusedResult> {
  const out: RemoveUnusedResult = { removed: [], skipped: [] };
  for (const name of new Set(names)) {
    try {
      await removeNetwork(docker, name);
      out.removed.push(name);
    } catch (e) {
      out.skipped.push({ name, reason: (e as Error).message });
    }
  }
  return out;
}
