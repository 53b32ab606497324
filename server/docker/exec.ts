// `docker exec` through the Engine API with argv arrays only: nothing here ever builds a shell string.
// The one exec helper of the server (backups, slots): start one with its raw stream, wait for its exit
// code, or run a short command and collect its output.
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

const OUT_KEEP = 1024 * 1024;

export interface ExecCollectOptions {
  user?: string;
  env?: string[];
  /** written to stdin, which is then closed */
  input?: Readable;
  /** the output must end within this time, else the stream is cut and the call fails (default: no limit) */
  timeoutMs?: number;
  /** how long the engine may take to report the exit code once the output ended (default 30 s) */
  exitTimeoutMs?: number;
}

/** For a command that finishes at once (nginx -t, cp, rm): a hung one fails the call instead of holding it. */
export const SHORT_EXEC: ExecCollectOptions = { timeoutMs: 15_000 };

/** Runs a short command and collects its output (each kept up to 1 MB). */
export function execCollect(docker: Docker, containerId: string, cmd: string[], opts: ExecCollectOptions = {}): Promise<ExecResult> {
  return execCollectIn(docker.getContainer(containerId), cmd, opts);
}

/** execCollect for a container handle already at hand (the shell area's probes and signals). */
export async function execCollectIn(container: Docker.Container, cmd: string[], opts: ExecCollectOptions = {}): Promise<ExecResult> {
  const { exec, stream } = await execStartIn(container, cmd, { stdin: Boolean(opts.input), user: opts.user, env: opts.env });
  const kept = { stdout: '', stderr: '', output: '' };
  const sink = (key: 'stdout' | 'stderr') => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => {
      const text = d.toString('utf8');
      if (kept[key].length < OUT_KEEP) kept[key] += text;
      if (kept.output.length < OUT_KEEP) kept.output += text;
    });
    return s;
  };
  container.modem.demuxStream(stream, sink('stdout'), sink('stderr'));
  const ended = new Promise<void>((resolve, reject) => {
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          stream.destroy();
          reject(new Error(`${cmd.join(' ')} did not finish within ${opts.timeoutMs} ms`));
        }, opts.timeoutMs)
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
  return { code: await execExitCode(exec, opts.exitTimeoutMs), stdout: kept.stdout, stderr: kept.stderr, output: kept.output.trim() };
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
