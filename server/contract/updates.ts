// Image updates: detection against registries, the one-click update of a compose service, credentials.
import { z } from 'zod';

export const UPDATE_STATUSES = ['up-to-date', 'update-available', 'pinned', 'local', 'error'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export const UPDATE_POLICIES = ['notify', 'auto', 'off'] as const;
export type UpdatePolicy = (typeof UPDATE_POLICIES)[number];

export interface UpdateInfo {
  containerId: string;
  name: string;
  image: string;
  project: string | null;
  service: string | null;
  policy: UpdatePolicy;
  status: UpdateStatus;
  /** the digests of the local image for this repository (all of its RepoDigests) */
  localDigests: string[];
  remoteDigest: string | null;
  checkedAt: string | null;
  /** a short fixed reason (e.g. "registry unreachable"); never the registry's own words */
  error?: string;
  /** more detail (status code, host) for operators and admins only */
  errorDetail?: string;
}

export const updateCheckBody = z.object({ containerId: z.string().regex(/^[a-zA-Z0-9_.-]{1,128}$/).optional() }).strict().optional();

export const serviceUpdateParams = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'not a stack name'),
  service: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'not a service name'),
});

export type UpdateJobStatus = 'running' | 'succeeded' | 'rolled-back' | 'failed';

export interface UpdateJob {
  id: string;
  stack: string;
  service: string;
  status: UpdateJobStatus;
  fromImageId: string | null;
  toImageId: string | null;
  output: string;
  by: string;
  startedAt: string;
  endedAt: string | null;
}

export const updateJobParam = z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'not an update job id') });

export const UPDATE_EVENTS = {
  /** UpdateInfo[] after each check */
  checked: 'updates:checked',
  /** {id, data}: a line of an update job's progress */
  output: 'updates:output',
  /** UpdateJob at its end */
  done: 'updates:done',
} as const;

export const registryHost = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9.-]+(?::[0-9]{1,5})?$/, 'a registry host such as registry.example.com or 127.0.0.1:5000');

export const registryCredentialBody = z
  .object({ registry: registryHost, username: z.string().min(1).max(255), password: z.string().min(1).max(4096) })
  .strict();
export const registryParam = z.object({ registry: registryHost });

export interface RegistryCredentialView {
  registry: string;
  username: string;
  source: 'admin' | 'docker-config';
  createdAt: string | null;
}
