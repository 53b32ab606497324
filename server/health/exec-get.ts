// An HTTP GET run inside a container (issue 20.2): for probe URLs that name a container or service on
// the stack's network, which resolve there and not where Slipway runs. A fixed argv, never a shell:
// curl when the image has it (`-i`: the raw answer, no redirect following), else wget or `busybox wget`
// (`-S`: the headers on stderr; wget follows redirects itself, so an off-host hop is refused from its
// header trace afterwards). The answer goes through the same lenient reader as a direct probe, with the
// same deadline and body cap.
import type Docker from 'dockerode';
import { execCapture, type ExecCapture } from '../docker/exec';
import { parseAnswer, type ParsedAnswer } from '../net/http-answer';
import { HttpGetError } from '../net/http-get';

type Streams = ExecCapture;

/** argv inside the container: stdout kept up to `cap`, stderr up to 64 KB, cut off after `timeoutMs`. */
function execStreams(docker: Docker, id: string, argv: string[], timeoutMs: number, cap: number): Promise<Streams> {
  return execCapture(docker.getContainer(id), argv, {
    timeoutMs,
    timeoutError: (ms) => new HttpGetError(`no answer within ${ms} ms`, 'timeout'),
    stdoutCap: cap,
    stderrCap: 64 * 1024,
  });
}

const missing = (r: Streams | Error) => (r instanceof Error ? /executable file not found|no such file/i.test(r.message) : r.code === 126 || r.code === 127);

/** wget -S prints each hop's headers on stderr, indented: the last hop's, with the body from stdout. */
export function answerFromWget(stderr: string, body: Buffer, origin: URL): ParsedAnswer | string {
  const hops = stderr.split(/\n(?=\s*HTTP\/\d)/).map((h) => h.split('\n').map((l) => l.trim()).filter((l) => l && !/^(Connecting|wget:|saving|writing to|written to|'-'|-\s)/i.test(l)));
  const heads = hops.filter((h) => h[0]?.startsWith('HTTP/'));
  if (heads.length === 0) return 'wget gave no HTTP answer';
  for (const h of heads.slice(0, -1)) {
    const loc = h.find((l) => /^location:/i.test(l))?.slice(9).trim();
    if (loc) {
      const next = new URL(loc, origin);
      if (next.host !== origin.host || next.protocol !== origin.protocol) return 'redirect to another host refused';
    }
  }
  const head = Buffer.from(`${heads[heads.length - 1].join('\n')}\n\n`, 'latin1');
  const s = parseAnswer(Buffer.concat([head.subarray(0), body]), true, 1 << 30);
  if (s.kind !== 'done') return s.kind === 'bad' ? s.reason : 'incomplete answer';
  // wget already undid any chunking and read the body to its end
  return { ...s.answer, body };
}

/** Which tool worked in a container last time: probes every few seconds need not rediscover it. */
type Tool = 'curl' | 'wget' | 'busybox-wget' | 'busybox-wget-noT';
const toolOf = new Map<string, Tool>();
const TOOLS: Tool[] = ['curl', 'wget', 'busybox-wget', 'busybox-wget-noT'];

function argvFor(tool: Tool, url: URL, secs: string): string[] {
  if (tool === 'curl') return ['curl', '-sS', '-i', '--max-time', secs, '-A', 'slipway-probe', '-H', 'Connection: close', url.href];
  const pre = tool === 'wget' ? [] : ['busybox'];
  // some static busybox builds crash on -T (exit 139): the exec's own deadline bounds the wait instead
  const t = tool === 'busybox-wget-noT' ? [] : ['-T', secs];
  return [...pre, 'wget', '-S', '-q', '-O', '-', ...t, '-U', 'slipway-probe', url.href];
}

function answerOf(tool: Tool, r: Streams, url: URL, cap: number, timeoutMs: number): ParsedAnswer {
  if (tool === 'curl') {
    if (r.code === 28) throw new HttpGetError(`no answer within ${timeoutMs} ms`, 'timeout');
    const s = parseAnswer(r.stdout, true, cap);
    if (s.kind === 'done') return s.answer;
    throw new HttpGetError(r.stdout.length === 0 ? `curl inside the container could not fetch it (exit ${r.code})` : s.kind === 'bad' ? s.reason : 'incomplete answer', r.stdout.length === 0 ? 'connect' : 'parse');
  }
  const a = answerFromWget(r.stderr.toString('latin1'), r.stdout.subarray(0, cap), url);
  if (typeof a === 'string') {
    // wget exits 1 on a 4xx/5xx but still prints the status line; no status at all: it could not connect
    throw new HttpGetError(a === 'wget gave no HTTP answer' ? `wget inside the container could not fetch it (exit ${r.code})` : a, a.startsWith('redirect') ? 'refused' : 'parse');
  }
  return { ...a, truncated: r.stdout.length >= cap };
}

/** One GET of `url` from inside container `id`, read like a direct one. */
export async function execGet(docker: Docker, id: string, url: URL, opts: { timeoutMs: number; maxBodyBytes?: number }): Promise<ParsedAnswer> {
  const cap = opts.maxBodyBytes ?? 64 * 1024;
  const secs = String(Math.max(1, Math.ceil(opts.timeoutMs / 1000)));
  const slack = opts.timeoutMs + 1500;
  const known = toolOf.get(id);
  for (const tool of known ? [known, ...TOOLS.filter((t) => t !== known)] : TOOLS) {
    const r = await execStreams(docker, id, argvFor(tool, url, secs), slack, tool === 'curl' ? cap + 64 * 1024 : cap).catch((e: Error) => e);
    if (missing(r)) continue;
    if (r instanceof Error) throw r;
    if (tool !== 'curl' && tool !== 'busybox-wget-noT' && r.code === 139) continue;
    if (toolOf.size > 5000) toolOf.clear();
    toolOf.set(id, tool);
    return answerOf(tool, r, url, cap, opts.timeoutMs);
  }
  toolOf.delete(id);
  throw new HttpGetError('the container has neither curl nor wget to probe from inside', 'connect');
}
