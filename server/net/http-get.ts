// One GET on a fresh connection, with a deadline and a body cap, to an address checked by
// safe-target.ts, read by the lenient parser (http-answer.ts). Used by probes and by the slot switch's
// verification: both must read what nginx, curl and wget read, and neither may reach metadata services.
import net from 'node:net';
import tls from 'node:tls';
import { parseAnswer, type ParsedAnswer } from './http-answer';
import { resolveSafe } from './safe-target';

export interface GetOptions {
  timeoutMs: number;
  maxBodyBytes?: number;
  headers?: Record<string, string>;
}

export class HttpGetError extends Error {
  constructor(message: string, readonly kind: 'timeout' | 'refused' | 'connect' | 'parse') {
    super(message);
  }
}

export function requestBytes(url: URL, headers: Record<string, string> = {}): string {
  const h: Record<string, string> = { host: url.host, 'user-agent': 'slipway-probe', accept: 'application/json, */*', connection: 'close', ...headers };
  return `GET ${url.pathname || '/'}${url.search} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}\r\n`).join('')}\r\n`;
}

export async function safeGet(url: URL, opts: GetOptions): Promise<ParsedAnswer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpGetError('only http and https URLs are fetched', 'refused');
  const deadline = Date.now() + opts.timeoutMs;
  const timedOut = () => new HttpGetError(`no answer within ${opts.timeoutMs} ms`, 'timeout');
  let target: { address: string };
  try {
    target = await Promise.race([
      resolveSafe(url.hostname),
      new Promise<never>((_, reject) => setTimeout(() => reject(timedOut()), opts.timeoutMs).unref()),
    ]);
  } catch (e) {
    throw e instanceof HttpGetError ? e : new HttpGetError((e as Error).message, 'refused');
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const cap = opts.maxBodyBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = url.protocol === 'https:'
      ? tls.connect({ host: target.address, port, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host: target.address, port });
    let buf = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | null, a?: ParsedAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(a!);
    };
    const timer = setTimeout(() => finish(timedOut()), Math.max(1, deadline - Date.now()));
    const check = (ended: boolean) => {
      const s = parseAnswer(buf, ended, cap);
      if (s.kind === 'done') finish(null, s.answer);
      else if (s.kind === 'bad') finish(new HttpGetError(s.reason, 'parse'));
    };
    socket.on(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => socket.write(requestBytes(url, opts.headers)));
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      check(false);
    });
    socket.on('end', () => check(true));
    socket.on('close', () => check(true));
    socket.on('error', (e: NodeJS.ErrnoException) => finish(new HttpGetError(e.code === 'ECONNREFUSED' ? `connection refused by ${url.host}` : e.message, 'connect')));
  });
}
