// `docker exec` through the Engine API with argv arrays only: nothing here ever builds a shell string.
import type Docker from 'dockerode';
import type { Duplex, Readable } from 'node:stream';
import { DemuxStdout } from './streams';

export interface ExecHandle {
  exec: Docker.Exec;
  /** raw multiplexed stream from the engine (a duplex when stdin is attached) */
  stream: Readable & Partial<Duplex>;
}

export async function execStart(docker: Docker, containerId: string, cmd: string[], opts: { stdin?: boolean; user?: string; env?: string[] } = {}): Promise<ExecHandle> {
  const exec = await docker.getContainer(containerId).exec({
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
}

const OUT_KEEP = 1024 * 1024;

/** Runs a short command and collects its output (bounded); optional stdin is written then closed. */
export async function execCollect(docker: Docker, containerId: string, cmd: string[], opts: { user?: string; input?: Readable; env?: string[] } = {}): Promise<ExecResult> {
  const { exec, stream } = await execStart(docker, containerId, cmd, { stdin: Boolean(opts.input), user: opts.user, env: opts.env });
  const demux = new DemuxStdout();
  let stdout = '';
  demux.on('data', (d: Buffer) => {
    if (stdout.length < OUT_KEEP) stdout += d.toString('utf8');
  });
  const ended = new Promise<void>((resolve, reject) => {
    demux.on('end', resolve);
    stream.on('error', reject);
    stream.on('close', () => {
      if (!demux.writableEnded) demux.end();
    });
  });
  stream.pipe(demux);
  if (opts.input) await pipeStdin(opts.input, stream);
  await ended;
  return { code: await execExitCode(exec), stdout, stderr: demux.stderr };
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
