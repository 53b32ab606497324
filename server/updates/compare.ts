// The verdict of one container's image, from its reference, the image's RepoDigests and the registry's
// current digest. Pure, so the rules the peers got wrong are unit-tested:
// - pinned by digest → never outdated;
// - no RepoDigest for this repository (built locally, never pushed or pulled) → local, not tracked;
// - up to date when ANY RepoDigest of this repository equals the tag's current digest (not only the first).
import type { UpdateStatus } from '../contract';
import { parseReference, repoKey, repoKeyOfDigestEntry, type ImageRef } from '../registry/reference';

export type Plan = { kind: 'final'; status: UpdateStatus; localDigests: string[]; error?: string } | { kind: 'ask'; ref: ImageRef; localDigests: string[] };

export function planCheck(reference: string, repoDigests: string[]): Plan {
  // created from an image ID (`docker run sha256:…`): as immutable as a digest
  if (/^(sha256:)?[a-f0-9]{64}$/.test(reference)) return { kind: 'final', status: 'pinned', localDigests: [] };
  let ref: ImageRef;
  try {
    ref = parseReference(reference);
  } catch {
    return { kind: 'final', status: 'error', localDigests: [], error: 'invalid reference' };
  }
  const key = repoKey(ref);
  const localDigests = repoDigests.map(repoKeyOfDigestEntry).filter((d): d is { key: string; digest: string } => d?.key === key).map((d) => d.digest);
  if (ref.digest) return { kind: 'final', status: 'pinned', localDigests: localDigests.length ? localDigests : [ref.digest] };
  if (!localDigests.length) return { kind: 'final', status: 'local', localDigests };
  return { kind: 'ask', ref, localDigests };
}

export function verdict(localDigests: string[], remoteDigest: string): UpdateStatus {
  return localDigests.includes(remoteDigest) ? 'up-to-date' : 'update-available';
}
