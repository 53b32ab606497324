// GET /api/containers/:id/logs as a text stream: read from Docker chunk by chunk, filtered and
// written only as fast as the client takes it (pull-based), never buffered whole.
import type { AppEnv } from '../app';
import { nanosToTs, parseTimeParam, type LogsDownloadQuery } from '../contract';
import { HttpError } from '../http/errors';
import { inspectForLogs, openDockerLogs, readLogChunks, type ContainerLogInfo } from './docker-logs';

export async function logDownload(ae: AppEnv, ref: string, q: LogsDownloadQuery): Promise<{ info: ContainerLogInfo; body: ReadableStream<Uint8Array> }> {
  const now = Date.now();
  const sinceNs = q.since !== undefined ? parseTimeParam(q.since, now)! : undefined;
  const untilNs = q.until !== undefined ? parseTimeParam(q.until, now)! : undefined;
  if (sinceNs !== undefined && untilNs !== undefined && untilNs < sinceNs) throw new HttpError(400, 'invalid query parameter until: must not be before since');
  let info: ContainerLogInfo;
  try {
    info = await inspectForLogs(ae.env.docker, ae.env.watcher.find(ref)?.id ?? ref);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no container ${ref}`);
    throw e;
  }
  let stream: Awaited<ReturnType<typeof openDockerLogs>>;
  try {
    stream = await openDockerLogs(ae.env.docker, info.id, { follow: false, tail: q.tail, sinceNs, untilNs });
  } catch (e) {
    // removed between the inspect and the read (its log file goes with it): it is simply gone
    const gone = await ae.env.docker.getContainer(info.id).inspect().then(() => false, (err: { statusCode?: number }) => err.statusCode === 404);
    if (gone) throw new HttpError(404, `no container ${ref}`);
    throw e;
  }
  const since = sinceNs !== undefined ? nanosToTs(sinceNs) : '';
  const until = untilNs !== undefined ? nanosToTs(untilNs) : '';
  const chunks = readLogChunks(stream, info);
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const r = await chunks.next();
        if (r.done) return controller.close();
        let out = '';
        for (const l of r.value) {
          if (since && l.ts <= since) continue;
          if (until && l.ts > until) continue;
          if (q.stream !== 'all' && l.stream !== q.stream) continue;
          if (q.grep && !l.text.includes(q.grep)) continue;
          if (q.format === 'jsonl') out += JSON.stringify(l) + '\n';
          else out += q.timestamps ? `${l.ts} ${l.text}\n` : `${l.text}\n`;
        }
        if (out) return controller.enqueue(enc.encode(out));
      }
    },
    async cancel() {
      stream.destroy(); // a generator never started would not run its finally
      await chunks.return(undefined);
    },
  });
  return { info, body };
}
