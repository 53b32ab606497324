// `npm run bench -- shell`: round trip of a keystroke to its echo through Slipway (socket.io → TTY
// exec → echo → socket.io), p50/p99 over 500 keystrokes, beside `docker exec -i <ctr> cat` (a byte
// written to the CLI's stdin until it comes back on its stdout) measured in the same run, interleaved.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { ShellOutputEvent } from '@/server/contract';
import { createTestContainer, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { connectSocket, emitAck } from '../e2e/support/sockets';
import { fmt, percentile, report, rssMb, runBench } from './_lib';

const KEYS = 500;
const CHUNK = 50; // keystrokes per turn; the three paths take turns so they see the same load
const TIMEOUT_MS = 5000;

/** A Slipway session where each keystroke resolves when its echo comes back. */
async function slipwaySession(socket: Socket, containerId: string, cmd: string[]) {
  const ack = await emitAck<{ ok: boolean; sessionId: string; error?: string }>(socket, 'shell:open', { containerId, cmd, cols: 200, rows: 50 });
  if (!ack.ok) throw new Error(`shell:open failed: ${ack.error}`);
  let buf = '';
  const send = (data: string) => socket.emit('shell:input', { sessionId: ack.sessionId, data });
  socket.on('shell:output', (e: ShellOutputEvent) => {
    if (e.sessionId !== ack.sessionId) return;
    buf += e.data;
    // Answer the line editor's cursor-position query as a terminal (xterm.js) would.
    if (e.data.includes('\x1b[6n')) send('\x1b[1;5R');
  });
  const until = (pred: (b: string) => boolean) => waitFor(async () => pred(buf), 'shell output', TIMEOUT_MS, 1).catch((e) => { throw new Error(`${(e as Error).message}; got ${JSON.stringify(buf.slice(-200))}`); });
  return {
    /** Types one character and times it until the echo arrives. */
    async key(ch: string, timeoutMs = TIMEOUT_MS): Promise<number> {
      buf = '';
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const onOut = (e: ShellOutputEvent) => {
          if (e.sessionId === ack.sessionId && buf.includes(ch)) {
            clearTimeout(timer);
            socket.off('shell:output', onOut);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          socket.off('shell:output', onOut);
          reject(new Error(`no echo of ${JSON.stringify(ch)} from ${cmd.join(' ')} within ${timeoutMs} ms; got ${JSON.stringify(buf.slice(-200))}`));
        }, timeoutMs);
        socket.on('shell:output', onOut);
        send(ch);
      });
      return performance.now() - t0;
    },
    /** Backspace (untimed): waits until the line editor has redrawn. */
    async erase() {
      buf = '';
      send('\x7f');
      await until((b) => b.length > 0);
    },
    /** Ends the line (untimed) and waits for what the program prints back. */
    async newline(expect: RegExp) {
      buf = '';
      send('\r');
      await until((b) => expect.test(b));
    },
  };
}

/** `docker exec -i <ctr> cat`: one byte in, the same byte out. */
function dockerCat(containerId: string) {
  const child = spawn('docker', ['exec', '-i', containerId, 'cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let waiting: (() => void) | null = null;
  child.stdout.on('data', () => { waiting?.(); waiting = null; });
  return {
    child,
    key(ch: string): Promise<number> {
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('docker exec -i: no echo within 5 s')), TIMEOUT_MS);
        waiting = () => { clearTimeout(timer); resolve(performance.now() - t0); };
        child.stdin.write(ch);
      });
    },
  };
}

async function main() {
  const project = uniqueProject('swb-shell');
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3193) });
  const sockets: Socket[] = [];
  let ref: ReturnType<typeof dockerCat> | null = null;
  try {
    const ctr = await createTestContainer({ project, service: 'echo', cmd: ['sleep', '3600'] });
    const admin = await adminClient(server.url);
    await waitFor(async () => (await admin.get(`/api/containers/${ctr.id}`)).json?.state === 'running', 'container known');
    const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
    sockets.push(socket);
    // cat on a TTY: the kernel's line discipline echoes, so this is Slipway's path and nothing else;
    // sh: busybox ash's line editor echoes, as an operator's shell would.
    const tty = await slipwaySession(socket, ctr.id, ['cat']);
    const sh = await slipwaySession(socket, ctr.id, ['sh']);
    // ash asks the terminal for the cursor position at its prompt and may drop keys typed while
    // it waits for the answer: type until the first echo shows up, untimed.
    await waitFor(async () => sh.key('a', 300).then(() => true, () => false), 'sh ready', 10_000, 0);
    await sh.erase();
    ref = dockerCat(ctr.id);

    const times = { tty: [] as number[], sh: [] as number[], ref: [] as number[] };
    for (let i = 0; i < 20; i++) { await tty.key('w'); await ref.key('w'); } // warm-up, not counted
    await tty.newline(/w{20}\r\n$/);
    const deadline = Date.now() + 120_000;
    for (let done = 0; done < KEYS && Date.now() < deadline; done += CHUNK) {
      for (let i = 0; i < CHUNK; i++) times.ref.push(await ref.key('a'));
      for (let i = 0; i < CHUNK; i++) times.tty.push(await tty.key('a'));
      await tty.newline(/a{50}\r\n$/); // cat prints the line back; keeps the line buffer short
      // The sh line never grows: each timed key is erased (untimed) before the next.
      for (let i = 0; i < CHUNK; i++) {
        times.sh.push(await sh.key('a'));
        await sh.erase();
      }
    }
    const mb = rssMb(server.child.pid!);
    const p = (v: number[], q: number) => percentile(v, q);
    console.log(`${times.tty.length} keystrokes per path; server RSS ${fmt(mb)} MB with two sessions open`);
    report('shell', [
      { bench: 'shell', figure: 'keystroke → echo p50 (TTY cat via socket.io)', value: `${fmt(p(times.tty, 50), 2)} ms`, reference: `docker exec -i cat p50 ${fmt(p(times.ref, 50), 2)} ms`, ratio: fmt(p(times.tty, 50) / p(times.ref, 50), 2) },
      { bench: 'shell', figure: 'keystroke → echo p99 (TTY cat via socket.io)', value: `${fmt(p(times.tty, 99), 2)} ms`, reference: `docker exec -i cat p99 ${fmt(p(times.ref, 99), 2)} ms`, ratio: fmt(p(times.tty, 99) / p(times.ref, 99), 2), target: '< 20 ms', pass: p(times.tty, 99) < 20 },
      { bench: 'shell', figure: 'keystroke → echo p50 (sh line editor)', value: `${fmt(p(times.sh, 50), 2)} ms`, reference: `docker exec -i cat p50 ${fmt(p(times.ref, 50), 2)} ms`, ratio: fmt(p(times.sh, 50) / p(times.ref, 50), 2) },
      { bench: 'shell', figure: 'keystroke → echo p99 (sh line editor)', value: `${fmt(p(times.sh, 99), 2)} ms`, reference: `docker exec -i cat p99 ${fmt(p(times.ref, 99), 2)} ms`, ratio: fmt(p(times.sh, 99) / p(times.ref, 99), 2), target: '< 20 ms', pass: p(times.sh, 99) < 20 },
    ]);
  } finally {
    ref?.child.kill();
    for (const s of sockets) s.close();
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
