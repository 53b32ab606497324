// The engine going away and coming back: /api/health and the pushed status say so, and the
// events stream reconnects by itself. dockerd runs with --live-restore, so containers survive.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ContainerSummary } from '@/server/contract';
import { adminClient, waitFor } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket } from '../support/sockets';

const base = inject('slipwayUrl');
const scripts = path.resolve(__dirname, '..', '..', 'scripts');
const project = uniqueProject('swt-outage');

afterAll(async () => {
  execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
  await removeProject(project);
});

describe('engine outage', () => {
  it('reports the engine down and recovers by itself when it returns', async () => {
    const admin = await adminClient(base);
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const statuses: { reachable: boolean }[] = [];
    socket.on('engine:status', (s) => statuses.push(s));
    try {
      execFileSync('bash', [path.join(scripts, 'stop-engine.sh')], { stdio: 'inherit' });
      const down = await waitFor(async () => {
        const h = await admin.get('/api/health');
        return h.json.docker.reachable === false ? h : undefined;
      }, 'health to report the engine down', 15_000);
      expect(down.json.status).toBe('degraded');
      await waitFor(async () => statuses.some((s) => !s.reachable), 'engine:status reachable=false pushed');
      // Listings still answer from the last known state while the engine is away.
      expect((await admin.get('/api/stacks')).status).toBe(200);

      execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
      await waitFor(async () => (await admin.get('/api/health')).json.docker.reachable === true, 'health to recover', 30_000);
      await waitFor(async () => statuses.at(-1)?.reachable === true, 'engine:status reachable=true pushed', 10_000);

      // The events stream is back: a new container shows up without a restart of Slipway.
      const c = await createTestContainer({ project, service: 'after', cmd: ['sleep', '3600'] });
      await waitFor(async () => ((await admin.get('/api/containers')).json as ContainerSummary[]).some((x) => x.name === c.name), 'container created after recovery', 10_000);
    } finally {
      socket.close();
    }
  });
});
