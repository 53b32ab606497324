// Timeline events of image updates (server/updates): one `update.available` per container a check newly
// found outdated, and the end of an update job (applied, rolled back, failed).
import type { AppEnv } from '../app';
import type { UpdateInfo, UpdateJob } from '../contract';
import { recordEnvEvent } from './record-env';

export function recordUpdatesFound(ae: AppEnv, found: UpdateInfo[]) {
  for (const u of found)
    recordEnvEvent(ae, {
      project: u.project, service: u.service, container: u.name, kind: 'update.available',
      summary: `a newer ${u.image} is available for ${u.name}`, detail: { image: u.image, remoteDigest: u.remoteDigest },
    });
}

export function recordUpdateApplied(ae: AppEnv, job: UpdateJob, image: string) {
  const kind = job.status === 'succeeded' ? 'update.applied' : job.status === 'rolled-back' ? 'update.rolled_back' : 'update.failed';
  recordEnvEvent(ae, {
    project: job.stack, service: job.service, container: null, kind,
    severity: kind === 'update.applied' ? 'info' : kind === 'update.rolled_back' ? 'warning' : 'critical',
    summary: `update of ${job.stack}/${job.service} to ${image} ${kind === 'update.applied' ? 'applied' : kind === 'update.rolled_back' ? 'rolled back' : 'failed'}`,
    detail: { job: job.id, image, status: job.status, from: job.fromImageId, to: job.toImageId, by: job.by },
  });
}
