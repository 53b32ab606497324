// One path's stat through the archive endpoint's HEAD (X-Docker-Container-Path-Stat): works on stopped
// containers and never follows the last component if it is a symlink.
import type Docker from 'dockerode';
import type { FileType } from '../contract';

export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode: type bits high, permission bits low */
  mode: number;
  mtime: string | null;
  linkTarget: string;
  type: FileType;
}

// Go os.FileMode type bits (the engine is written in Go)
const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;
const GO_OTHER = 2 ** 26 | 2 ** 25 | 2 ** 24 | 2 ** 21 | 2 ** 19; // device, pipe, socket, char device, irregular

export function goModeType(mode: number): FileType {
  if (Math.floor(mode / GO_DIR) % 2 === 1) return 'directory';
  if (Math.floor(mode / GO_SYMLINK) % 2 === 1) return 'symlink';
  if ((mode & GO_OTHER) !== 0) return 'other';
  return 'file';
}

/** The stat, or null when the path does not exist in the container. */
export async function statPath(container: Docker.Container, p: string): Promise<PathStat | null> {
  let res: { headers: Record<string, string | string[] | undefined>; resume(): void };
  try {
    res = (await container.infoArchive({ path: p })) as unknown as typeof res;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return null;
    throw e;
  }
  res.resume();
  const raw = res.headers['x-docker-container-path-stat'];
  if (typeof raw !== 'string') throw new Error('the engine sent no path stat');
  const s = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { name: string; size: number; mode: number; mtime?: string; linkTarget?: string };
  return { name: s.name, size: s.size, mode: s.mode, mtime: s.mtime ?? null, linkTarget: s.linkTarget ?? '', type: goModeType(s.mode) };
}
