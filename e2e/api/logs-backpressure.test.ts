// A viewer that stops reading while a container floods its log: the server drops lines for that
// viewer past its high-water mark and says how many in skip markers, every line is either delivered
// or counted, and the server's memory stays bounded. Runs its own server to read its memory.
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine, LogsSkippedEvent, LogsStatusEvent } from '@/server/contract';
import { cpuSeconds, rssMb } from '../../bench/_lib';
import { adminClient, waitFor } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { startServer, type RunningServer } from '../support/slipway-server';
import { connectSocket, emitAck } from '../support/sockets';
import { freePort } from '../support/ports';

const project = uniqueProject('swt-logs-slow');
const TOTAL = 300_000;
let server: RunningServer | undefined;

afterAll(async () => {
  await removeProject(project);
  await server?.stop();
});

describe('a slow viewer', () => {
  it('is cut down to skip markers while server memory stays bounded', async () => {
    server = await startServer({ port: await freePort() });
    const srv = server;
    const admin = await adminClient(srv.url);
    const c = await createTestContainer({
      project, service: 'flood',
      // The flood waits for the go file: every line is then written after the subscription began, so all of
      // it is live (history is never dropped; a timed start let a quiet machine write most of it before the
      // subscription, and those lines were rightly delivered in full).
      cmd: ['sh', '-c', `while [ ! -e /tmp/go ]; do sleep 0.05; done; awk 'BEGIN { for (i = 1; i <= ${TOTAL}; i++) printf "line %d padding-padding-padding-padding-padding\\n", i }'`],
    });
    const socket = await connectSocket(srv.url, { cookie: admin.cookie, origin: srv.url });
    const lines: LogLine[] = [];
    const skipped: LogsSkippedEvent[] = [];
    const status: LogsStatusEvent[] = [];
    socket.on('logs:lines', (ev: { lines: LogLine[] }) => lines.push(...ev.lines));
    socket.on('logs:skipped', (ev: LogsSkippedEvent) => skipped.push(ev));
    socket.on('logs:status', (ev: LogsStatusEvent) => status.push(ev));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(srv.child.pid!))), 50);
    try {
      const baseline = rssMb(srv.child.pid!);
      const ack = await emitAck<{ ok: boolean }>(socket, 'logs:subscribe', { containerId: c.id, tail: 'all' });
      expect(ack.ok).toBe(true);
      // Stop reading the connection, as a browser tab busy elsewhere would.
      const raw = (socket.io.engine.transport as unknown as { ws: { _socket: net.Socket } }).ws._socket;
      raw.pause();
      const go = await c.container.exec({ Cmd: ['touch', '/tmp/go'] });
      await go.start({ Detach: true });
      await waitFor(async () => (await c.container.inspect()).State.Status === 'exited', 'the flood to finish', 60_000, 200);
      // The server reads the flood from Docker at full speed; once its CPU falls idle it has read it all, and
      // every line has reached the paused viewer's queue (a fixed 1 s wait let a slow read deliver the rest live
      // after the resume, so what was dropped depended on the machine's speed).
      await waitFor(async () => {
        const before = cpuSeconds(srv.child.pid!);
        await new Promise((r) => setTimeout(r, 500));
        return cpuSeconds(srv.child.pid!) - before <= 0.05; // under 10 % of a core for half a second
      }, 'the server to finish reading the flood', 60_000, 0);
      raw.resume();
      await waitFor(async () => status.some((s) => s.state === 'ended'), 'the end of the stream', 60_000);
      clearInterval(sampler);

      const dropped = skipped.reduce((n, s) => n + s.count, 0);
      expect(skipped.length).toBeGreaterThan(0);
      expect(dropped).toBeGreaterThan(TOTAL / 3);
      expect(lines.length + dropped).toBe(TOTAL);
      const nums = lines.map((l) => Number(l.text.split(' ')[1]));
      for (let i = 1; i < nums.length; i++) expect(nums[i]).toBeGreaterThan(nums[i - 1]);
      for (const s of skipped) expect(s.fromTs <= s.toTs && s.containerIds[0] === c.id).toBe(true);
      console.log(`slow viewer: ${lines.length} delivered, ${dropped} skipped in ${skipped.length} markers, RSS ${baseline.toFixed(0)} -> peak ${peak.toFixed(0)} MB`);
      expect(peak - baseline).toBeLessThan(100);
    } finally {
      clearInterval(sampler);
      socket.close();
    }
  });
});
