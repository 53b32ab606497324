// Opens Docker's log endpoint as a stream, always: dockerode buffers the whole body when follow is
// false, which a million-line history must never do.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { nanosToDockerTime, type LogLine } from '../contract';
import { LogParser } from './log-parser';

export interface DockerLogOptions {
  follow: boolean;
  tail?: number | 'all';
  /** nanoseconds; Docker's since is inclusive, callers drop the boundary line themselves */
  sinceNs?: bigint;
  untilNs?: bigint;
}

export function openDockerLogs(docker: Docker, id: string, o: DockerLogOptions): Promise<Readable> {
  const options: Record<string, unknown> = { follow: o.follow, stdout: true, stderr: true, timestamps: true, tail: String(o.tail ?? 'all') };
  if (o.sinceNs !== undefined) options.since = nanosToDockerTime(o.sinceNs);
  if (o.untilNs !== undefined) options.until = nanosToDockerTime(o.untilNs);
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path: `/containers/${encodeURIComponent(id)}/logs?`, method: 'GET', isStream: true, statusCodes: { 200: true, 404: 'no such container', 500: 'server error' }, options },
      (err: unknown, data: unknown) => {
        if (err) return reject(err);
        const stream = data as Readable;
        // Readers attach their own handlers; this one keeps a stream that errors before (or after)
        // being read, e.g. a reset connection, from ever becoming an uncaught 'error'.
        stream.on('error', () => undefined);
        resolve(stream);
      },
    );
  });
}

export interface ContainerLogInfo {
  id: string;
  name: string;
  tty: boolean;
  running: boolean;
  /** when the current (or last) run started, RFC3339Nano; the error-rate counter reads from here */
  startedAt?: string;
}

export async function inspectForLogs(docker: Docker, ref: string): Promise<ContainerLogInfo> {
  const info = await docker.getContainer(ref).inspect();
  return { id: info.Id, name: info.Name.replace(/^\//, ''), tty: Boolean(info.Config?.Tty), running: Boolean(info.State?.Running), startedAt: info.State?.StartedAt };
}

/**
 * Reads a finite (non-follow) log as chunks of parsed lines, honouring backpressure: the stream is
 * only read as fast as the consumer awaits.
 */
export async function* readLogChunks(stream: Readable, c: ContainerLogInfo): AsyncGenerator<LogLine[]> {
  const parser = new LogParser(c.id, c.tty);
  try {
    for await (const chunk of stream) {
      const lines = parser.push(chunk as Buffer);
      if (lines.length) yield lines;
    }
    const rest = parser.flush();
    if (rest.length) yield rest;
  } finally {
    stream.destroy();
  }
}
