// Volumes and networks: listings with the containers using each, remove and remove-unused.
import { z } from 'zod';
import type { ContainerRef } from './images';

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  createdAt: string | null;
  labels: Record<string, string>;
  /** compose project from the volume's labels, or null */
  project: string | null;
  /** bytes used, when the engine reports it (local driver, `?sizes=1`) */
  sizeBytes: number | null;
  containers: ContainerRef[];
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  /** bridge, host, none: the engine's own, never removable */
  builtin: boolean;
  project: string | null;
  createdAt: string | null;
  containers: ContainerRef[];
}

export const volumeNameParam = z.object({ name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'not a volume name') });
export const networkIdParam = z.object({ id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'not a network name or ID') });
export const volumeListQuery = z.object({ sizes: z.enum(['0', '1']).optional() });

/** remove-unused removes exactly the names the confirmation showed, each only if still unused */
export const removeUnusedBody = z.object({ names: z.array(z.string().min(1).max(255)).min(1).max(10_000) }).strict();

export interface RemoveUnusedResult {
  removed: string[];
  skipped: { name: string; reason: string }[];
}
