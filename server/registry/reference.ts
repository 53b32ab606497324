// Image references normalised as Docker does: the first path part is a registry when it has a dot,
// a port or is `localhost`; otherwise Docker Hub, with `library/` for single-name images.
import { IMAGE_REFERENCE_RE } from '../contract';

export interface ImageRef {
  /** host[:port] as used for credentials and the API (docker.io for Docker Hub) */
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

export class ReferenceError extends Error {}

export function parseReference(input: string): ImageRef {
  const ref = input.trim();
  if (!IMAGE_REFERENCE_RE.test(ref)) throw new ReferenceError(`not a valid image reference: ${ref.slice(0, 100)}`);
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  let registry = 'docker.io';
  let repository = rest;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(slash + 1);
  }
  // the path is lower-case; an upper-case first part is only allowed when it is a registry host
  if (/[A-Z]/.test(repository)) throw new ReferenceError(`not a valid image reference: ${ref.slice(0, 100)}`);
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, tag, digest };
}

/** The repository name as it appears in RepoDigests (`repo@sha256:…`): Docker Hub's short form. */
export function repoKey(r: ImageRef): string {
  return `${r.registry}/${r.repository}`;
}

/** Normalises the repository part of a RepoDigest entry to the same key as `repoKey`. */
export function repoKeyOfDigestEntry(entry: string): { key: string; digest: string } | null {
  const at = entry.indexOf('@');
  if (at < 0) return null;
  try {
    const r = parseReference(`${entry.slice(0, at)}:x`);
    return { key: repoKey(r), digest: entry.slice(at + 1) };
  } catch {
    return null;
  }
}

/** Where the registry's API answers: Docker Hub's API host, plain HTTP for loopback (as dockerd treats it). */
export function apiBase(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  return `${loopback ? 'http' : 'https'}://${registry}`;
}
