// The resume path an engine restart takes, without restarting the shared engine: the follow stream
// is cut under a running container (as dockerd going away does), and the follower reopens by itself
// from the last timestamp, with no duplicate and no missing numbered line. Runs the follower
// in-process against the real engine.
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '@/server/contract';
import { ContainerWatcher } from '@/server/docker/container-watcher';
import { ContainerFollower, type FollowerStatus } from '@/server/logs/container-follower';
import { inspectForLogs } from '@/server/logs/docker-logs';
import { waitFor } from '../support/http';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';

const project = uniqueProject('swt-logs-resume');
const watcher = new ContainerWatcher(docker);

afterAll(async () => {
  watcher.stop();
  await removeProject(project);
});

describe('follower resume', () => {
  it('reopens a cut stream from the last timestamp without duplicate or gap', async () => {
    watcher.start();
    await watcher.whenReady();
    const c = await createTestContainer({ project, service: 'numbered', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.005; done'] });
    const follower = new ContainerFollower(docker, watcher, await inspectForLogs(docker, c.id));
    const lines: LogLine[] = [];
    const status: FollowerStatus[] = [];
    follower.on('lines', (l: LogLine[]) => lines.push(...l));
    follower.on('status', (s: FollowerStatus) => status.push(s));
    try {
      await follower.ready;
      for (let cut = 0; cut < 3; cut++) {
        const at = lines.length + 30;
        await waitFor(async () => lines.length >= at, `lines before cut ${cut}`);
        follower.cutStream();
      }
      const at = lines.length + 100;
      await waitFor(async () => lines.length >= at, 'lines after the last cut');
      const nums = lines.map((l) => Number(l.text.split(' ')[1]));
      nums.forEach((n, i) => expect(n, `position ${i}`).toBe(nums[0] + i));
      expect(follower.state).toBe('following');
    } finally {
      follower.close();
    }
  });
});
