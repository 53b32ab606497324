// An engine restart mid-stream: dockerd runs with --live-restore, so the container keeps writing
// while the engine is away; the follow stream ends, Slipway says it is reconnecting, and resumes by
// itself from the last timestamp once the engine answers: numbered lines without duplicate or gap.
// Stops the shared engine: runs only in the `outage` project.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { LogLine, LogsStatusEvent } from '@/server/contract';
import { adminClient, waitFor } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';

const base = inject('slipwayUrl');
const scripts = path.resolve(__dirname, '..', '..', 'scripts');
const project = uniqueProject('swt-logs-engine');

afterAll(async () => {
  execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
  await removeProject(project);
});

describe('logs across an engine restart', () => {
  it('resumes the stream by itself from the last line seen', async () => {
    const admin = await adminClient(base);
    const c = await createTestContainer({ project, service: 'numbered', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.02; done'] });
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const lines: LogLine[] = [];
    const status: LogsStatusEvent[] = [];
    socket.on('logs:lines', (ev: { lines: LogLine[] }) => lines.push(...ev.lines));
    socket.on('logs:status', (ev: LogsStatusEvent) => status.push(ev));
    try {
      const ack = await emitAck<{ ok: boolean }>(socket, 'logs:subscribe', { containerId: c.id, tail: 'all' });
      expect(ack.ok).toBe(true);
      await waitFor(async () => lines.length >= 20, 'first lines');
      execFileSync('bash', [path.join(scripts, 'stop-engine.sh')], { stdio: 'inherit' });
      await waitFor(async () => status.some((s) => s.state === 'reconnecting'), 'reconnecting status', 20_000);
      execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
      await waitFor(async () => status.some((s) => s.state === 'following'), 'following again', 60_000);
      const at = lines.length + 50;
      await waitFor(async () => lines.length >= at, 'lines after the restart', 30_000);
      const nums = lines.map((l) => Number(l.text.split(' ')[1]));
      nums.forEach((n, i) => expect(n, `position ${i}`).toBe(i + 1));
    } finally {
      socket.close();
    }
  });
});
