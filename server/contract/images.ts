// Images: the list, pull (with live layer progress over socket.io), remove and prune.
import { z } from 'zod';

export interface ContainerRef {
  id: string;
  name: string;
}

export interface ImageSummary {
  id: string;
  tags: string[];
  /** every RepoDigest (`repo@sha256:…`): one per repository the image was pulled from or pushed to */
  digests: string[];
  sizeBytes: number;
  created: string;
  /** containers (running or not) created from this image ID */
  containers: ContainerRef[];
  dangling: boolean;
}

/** A reference as `docker pull` takes it: [registry/]repository[:tag][@sha256:…], lower-case path. */
export const IMAGE_REFERENCE_RE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const imageReference = z
  .string()
  .trim()
  .min(1, 'reference is required')
  .max(255, 'reference is too long')
  .regex(IMAGE_REFERENCE_RE, 'not a valid image reference (e.g. registry:5000/team/app:1.2)')
  .refine(pathIsLowerCase, 'an image path is lower-case');

/** upper case is only allowed in a registry host (a first part with a dot, a port, or localhost) */
export function pathIsLowerCase(ref: string): boolean {
  const slash = ref.indexOf('/');
  const first = slash >= 0 ? ref.slice(0, slash) : '';
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const path = (isHost ? ref.slice(slash + 1) : ref).split(/[:@]/)[0];
  return !/[A-Z]/.test(path);
}

export const pullImageBody = z.object({ reference: imageReference }).strict();

/** an image ID, full (`sha256:…`) or short (12+ hex) */
export const imageIdParam = z.object({ id: z.string().regex(/^(sha256:)?[a-f0-9]{12,64}$/, 'not an image ID') });

/** Prune exactly the images the preview showed (ids), or every dangling one. */
export const pruneImagesBody = z
  .object({
    ids: z.array(z.string().regex(/^sha256:[a-f0-9]{64}$/, 'not a full image ID')).max(10_000).optional(),
    dangling: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => (b.ids ? !b.dangling : b.dangling), 'give either ids (from GET /api/images/prune) or dangling: true');

export interface PrunePreview {
  /** unused images: no container, running or stopped, uses them */
  images: { id: string; tags: string[]; sizeBytes: number; dangling: boolean }[];
  reclaimableBytes: number;
}

export interface PruneResult {
  deleted: string[];
  reclaimedBytes: number;
  /** ids left alone because a container started using them since the preview, or the engine refused */
  skipped: { id: string; reason: string }[];
}

export interface PullLayer {
  id: string;
  status: string;
  current: number;
  total: number;
}

export type PullStatus = 'running' | 'succeeded' | 'failed';

export interface PullState {
  id: string;
  reference: string;
  status: PullStatus;
  layers: PullLayer[];
  bytesDone: number;
  bytesTotal: number;
  error?: string;
  startedAt: string;
  endedAt?: string;
}

export const IMAGE_EVENTS = {
  /** PullState, throttled */
  pullProgress: 'images:pull-progress',
  /** PullState, once at the end */
  pullDone: 'images:pull-done',
} as const;

/** A local image tag for the slot deploy and swarm update pickers, newest first. */
export interface LocalImage {
  ref: string;
  id: string;
  /** seconds since the epoch, as the engine reports it */
  created: number;
  sizeBytes: number;
}

/** GET /api/images/pull/:id: the id POST /api/images/pull answered. */
export const pullIdParam = z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'not a pull id') });
