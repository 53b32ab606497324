// Where files are read from: a container's own filesystem, or a volume mounted into a helper container
// (then every path lives under `root`). `watchGone` fires when the container is removed, so a download in
// flight can end with an error instead of a short file that looks whole.
import type Docker from 'dockerode';

export interface FileSource {
  container: Docker.Container;
  /** '' for a container; the helper's mount point for a volume */
  root: string;
  /** for messages: the container or volume name */
  label: string;
  /** calls back once when the container goes away; returns the unsubscribe */
  watchGone(cb: () => void): () => void;
  /** after the last use (the volume helper is removed); idempotent */
  release(): Promise<void>;
}

export const inside = (src: FileSource, p: string) => (src.root ? (p === '/' ? src.root : src.root + p) : p);
