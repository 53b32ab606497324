// What a target means: the `slipway.backup*` labels of a container (CONTRACT.md), or `volume:NAME`.
import crypto from 'node:crypto';
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import { BACKUP_KINDS, databaseName, volumeName, type BackupKind } from '../contract';
import { HttpError } from '../http/errors';

export const HELPER_IMAGE = 'slipway/busybox:1';

interface Common {
  target: string;
  retain: number | null;
  schedule: string | null;
}
export type TargetSpec =
  | (Common & { kind: 'postgres'; containerId: string; containerName: string; database: string; user: string })
  | (Common & { kind: 'sqlite'; containerId: string; containerName: string; path: string; stop: boolean })
  | (Common & { kind: 'volume'; containerId: string | null; containerName: string | null; volumes: string[]; stop: boolean; image: string });

const pgUser = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,62}$/;
/** An absolute path without `..`, quotes or control characters (it becomes an argv element and an archive path). */
const safeAbsPath = /^\/(?:[a-zA-Z0-9_.@+-]+\/)*[a-zA-Z0-9_.@+-]+$/;

export function kindOf(labels: Record<string, string>): BackupKind | null {
  const k = labels['slipway.backup'];
  return (BACKUP_KINDS as readonly string[]).includes(k) ? (k as BackupKind) : null;
}

function envOf(info: Docker.ContainerInspectInfo, name: string): string | undefined {
  const hit = (info.Config?.Env ?? []).find((e) => e.startsWith(`${name}=`));
  return hit?.slice(name.length + 1) || undefined;
}

export function retainOf(labels: Record<string, string>): number | null {
  const v = labels['slipway.backup.retain'];
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** Resolves a target to what to back up; 404 for an unknown one, 400 for one without usable labels. */
export async function resolveTarget(ae: AppEnv, target: string): Promise<TargetSpec> {
  if (target.startsWith('volume:')) return resolveVolume(ae, target.slice('volume:'.length));
  const known = ae.env.watcher.find(target);
  if (!known || known.name !== target) throw new HttpError(404, `no container named ${target}`);
  const info = await ae.env.docker.getContainer(known.id).inspect();
  const labels = info.Config?.Labels ?? {};
  const kind = kindOf(labels);
  if (!kind) throw new HttpError(400, `container ${target} has no slipway.backup label (postgres, sqlite or volume)`);
  const common = { target, retain: retainOf(labels), schedule: labels['slipway.backup.schedule'] || null, containerId: info.Id, containerName: target };
  const stop = labels['slipway.backup.stop'] === 'true';
  if (kind === 'postgres') {
    const database = labels['slipway.backup.database'] || envOf(info, 'POSTGRES_DB') || envOf(info, 'POSTGRES_USER') || 'postgres';
    const user = labels['slipway.backup.user'] || envOf(info, 'POSTGRES_USER') || 'postgres';
    if (!databaseName.safeParse(database).success) throw new HttpError(400, `slipway.backup.database of ${target} is not a plain database name`);
    if (!pgUser.test(user)) throw new HttpError(400, `slipway.backup.user of ${target} is not a plain user name`);
    return { ...common, kind, database, user };
  }
  if (kind === 'sqlite') {
    const p = labels['slipway.backup.path'];
    if (!p || !safeAbsPath.test(p) || p.split('/').includes('..')) throw new HttpError(400, `slipway.backup.path of ${target} must be an absolute file path`);
    return { ...common, kind, path: p, stop };
  }
  const named = (info.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string);
  const listed = labels['slipway.backup.volumes']?.split(',').map((s) => s.trim()).filter(Boolean);
  const volumes = listed?.length ? listed : named;
  if (!volumes.length) throw new HttpError(400, `container ${target} has no named volume to back up`);
  for (const v of volumes) if (!volumeName.safeParse(v).success) throw new HttpError(400, `slipway.backup.volumes of ${target}: ${v} is not a volume name`);
  // A label is the container's word, not an authority: it may name only volumes this container mounts,
  // never another project's (or any) volume on the host (issue 15).
  const foreign = volumes.filter((v) => !named.includes(v));
  if (foreign.length)
    throw new HttpError(400, `slipway.backup.volumes of ${target} names ${foreign.join(', ')}, which ${target} does not mount (it mounts: ${named.join(', ') || 'no named volume'})`);
  return { ...common, kind: 'volume', volumes, stop, image: info.Image };
}

async function resolveVolume(ae: AppEnv, name: string): Promise<TargetSpec> {
  try {
    await ae.env.docker.getVolume(name).inspect();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no volume named ${name}`);
    throw e;
  }
  return { kind: 'volume', target: `volume:${name}`, retain: null, schedule: null, containerId: null, containerName: null, volumes: [name], stop: false, image: await helperImage(ae.env.docker, name) };
}

/** An image that exists here for a never-started helper: busybox, or the image of a container using the volume. */
export async function helperImage(docker: Docker, volume?: string): Promise<string> {
  try {
    return (await docker.getImage(HELPER_IMAGE).inspect()).Id;
  } catch {
    const users = volume ? await docker.listContainers({ all: true, filters: { volume: [volume] } }) : [];
    if (users[0]) return users[0].ImageID;
    const any = await docker.listImages();
    if (any[0]) return any[0].Id;
    throw new HttpError(409, 'no local image to create a helper container from');
  }
}

/** Label value marking this server's helper containers, so a restart removes only its own leftovers. */
export function helperKey(dataDir: string): string {
  return crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

export const HELPER_LABEL = 'slipway.backup.helper';

/** A created, never-started container with the given volumes mounted, for the archive endpoints. */
export async function createHelper(ae: AppEnv, image: string, binds: string[]): Promise<Docker.Container> {
  return ae.env.docker.createContainer({
    Image: image,
    Entrypoint: ['/slipway-helper-never-started'],
    Cmd: [],
    Labels: { [HELPER_LABEL]: helperKey(ae.app.config.dataDir) },
    HostConfig: { Binds: binds, NetworkMode: 'host' },
  });
}

export async function removeHelpers(ae: AppEnv) {
  const list = await ae.env.docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=${helperKey(ae.app.config.dataDir)}`] } });
  await Promise.all(list.map((c) => ae.env.docker.getContainer(c.Id).remove({ force: true, v: false }).catch(() => undefined)));
}
