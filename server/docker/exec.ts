// `docker exec` through the Engine API with argv arrays only: nothing here ever builds a shell string.
// The one exec helper of the server (backups, slots, shell, in-container probes): start one with its raw
// stream, wait for its exit code, or run a command and collect its output (text or bytes).
import type Docker from 'dockerode';
import { PassThrough, type Duplex, type Readable } from 'node:stream';

export interface ExecHandle {
  exec: Docker.Exec;
  /** raw multiplexed stream from the engine (a duplex when stdin is attached) */
  stream: Readable & Partial<Duplex>;
}

export async function execStart(docker: Docker, containerId: string, cmd: string[], opts: { stdin?: boolean; user?: string; env?: string[] } = {}): Promise<ExecHandle> {
  return execStartIn(docker.getContainer(containerId), cmd, opts);
}

async function execStartIn(container: Docker.Container, cmd: string[], opts: { stdin?: boolean; user?: string; env?: string[] }): Promise<ExecHandle> {
  const exec = await container.exec({
    Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: Boolean(opts.stdin), Tty: false, User: opts.user, Env: opts.env,
  });
  const stream = (await exec.start({ hijack: true, stdin: Boolean(opts.stdin) })) as unknown as ExecHandle['stream'];
  return { exec, stream };
}

/** The exec's exit code, once the engine reports it finished. */
export async function execExitCode(exec: Docker.Exec, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    if (Date.now() > deadline) throw new Error('exec did not report an exit code');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came, interleaved (what a terminal would show), trimmed */
  output: string;
}

/** The same, as bytes (an HTTP answer read from inside a container, server/health/exec-get.ts). */
export interface ExecCapture {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
  output: Buffer;
}

const OUT_KEEP = 1024 * 1024;

export interface ExecCollectOptions {
  user?: string;
  env?: string[];
  /** written to stdin, which is then closed */
  input?: Readable;
  /** the output must end within this time, else the stream is cut and the call fails (default: no limit) */
  timeoutMs?: number;
  /** the error a timeout fails with (default: "CMD did not finish within N ms") */
  timeoutError?: (ms: number) => Error;
  /** how long the engine may take to report the exit code once the output ended (default 30 s) */
  exitTimeoutMs?: number;
  /** bytes kept of stdout and of stderr (default 1 MB each); the rest is read and dropped */
  stdoutCap?: number;
  stderrCap?: number;
}

/** For a command that finishes at once (nginx -t, cp, rm): a hung one fails the call instead of holding it. */
export const SHORT_EXEC: ExecCollectOptions = { timeoutMs: 15_000 };

/** Runs a short command and collects its output as text. */
export function execCollect(docker: Docker, containerId: string, cmd: string[], opts: ExecCollectOptions = {}): Promise<ExecResult> {
  return execCollectIn(docker.getContainer(containerId), cmd, opts);
}

/** execCollect for a container handle already at hand (the shell area's probes and signals). */
export async function execCollectIn(container: Docker.Container, cmd: string[], opts: ExecCollectOptions = {}): Promise<ExecResult> {
  const r = await execCapture(container, cmd, opts);
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), output: r.output.toString('utf8').trim() };
}

/** The one way a command's output is collected: demultiplexed, bounded, with an optional deadline. */
export async function execCapture(container: Docker.Container, cmd: string[], opts: ExecCollectOptions = {}): Promise<ExecCapture> {
  const { exec, stream } = await execStartIn(container, cmd, { stdin: Boolean(opts.input), user: opts.user, env: opts.env });
  const parts = { stdout: [] as Buffer[], stderr: [] as Buffer[], output: [] as Buffer[] };
  const sizes = { stdout: 0, stderr: 0, output: 0 };
  const caps = { stdout: opts.stdoutCap ?? OUT_KEEP, stderr: opts.stderrCap ?? OUT_KEEP, output: OUT_KEEP };
  const keep = (key: keyof typeof parts, d: Buffer) => {
    if (sizes[key] >= caps[key]) return;
    parts[key].push(d);
    sizes[key] += d.length;
  };
  const sink = (key: 'stdout' | 'stderr') => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => {
      keep(key, d);
      keep('output', d);
    });
    return s;
  };
  container.modem.demuxStream(stream, sink('stdout'), sink('stderr'));
  const ended = new Promise<void>((resolve, reject) => {
    const ms = opts.timeoutMs;
    const timer = ms
      ? setTimeout(() => {
          stream.destroy();
          reject(opts.timeoutError?.(ms) ?? new Error(`${cmd.join(' ')} did not finish within ${ms} ms`));
        }, ms)
      : null;
    const done = () => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
  });
  if (opts.input) await pipeStdin(opts.input, stream);
  await ended;
  return { code: await execExitCode(exec, opts.exitTimeoutMs), stdout: Buffer.concat(parts.stdout), stderr: Buffer.concat(parts.stderr), output: Buffer.concat(parts.output) };
}

/** Streams `input` into the exec's stdin with backpressure, then half-closes so the process sees EOF. */
export function pipeStdin(input: Readable, stream: ExecHandle['stream']): Promise<void> {
  return new Promise((resolve, reject) => {
    input.on('error', reject);
    input.on('end', () => {
      (stream as Duplex).end();
      resolve();
    });
    input.pipe(stream as Duplex, { end: false });
  });
}
