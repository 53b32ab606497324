// Probes read answers as nginx, curl and wget do: raw TCP servers on 127.0.0.1 write the exact bytes
// (bare-LF header lines, HTTP/1.0 without a length, Connection: close, folded headers, chunked with LF),
// and unreadable answers get a reason in plain words. And targets are checked after DNS resolution.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswer } from './http-answer';
import { safeGet } from './http-get';
import { addressProblem, resolveSafe } from './safe-target';
import { runProbe } from '../health/probe';
import { httpGet } from '../slots/http-probe';

const ANSWERS: Record<string, string> = {
  '/lf': 'HTTP/1.1 200 OK\nContent-Type: application/json\nX-Togather-Slot: green\nContent-Length: 15\n\n{"status":"ok"}',
  '/http10': 'HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"status":"ok","pad":"no length, ends at close"}',
  '/close': 'HTTP/1.1 200 OK\r\nConnection: close\r\nX-Slot: blue\r\n\r\nfine',
  '/noreason': 'HTTP/1.1 204\n\n',
  '/folded': 'HTTP/1.1 200 OK\r\nX-Long: part one\r\n  part two\r\nContent-Length: 2\r\n\r\nok',
  '/chunked-lf': 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n4\nabcd\n3\nefg\n0\n\n',
  '/continue': 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
  '/down': 'HTTP/1.0 200 OK\n\n{"status":"DOWN","secret":"db password is hunter2"}',
  '/500': 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 35\r\n\r\ndatabase at 10.1.2.3 is unreachable',
  '/garbage': 'SSH-2.0-OpenSSH_9.2\r\n',
  '/badcode': 'HTTP/1.1 2x0 OK\r\n\r\n',
  '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a little',
  '/nohead': 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n',
  '/badchunk': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
};

let server: net.Server;
let base: string;

beforeAll(async () => {
  server = net.createServer((sock) => {
    let req = '';
    sock.on('data', (d) => {
      req += d.toString('latin1');
      if (!req.includes('\r\n\r\n')) return;
      const path = /^GET (\S+)/.exec(req)?.[1] ?? '';
      sock.end(ANSWERS[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('lenient answers over a raw socket', () => {
  it('reads bare-LF headers, HTTP/1.0 without a length, Connection: close, folding, chunked with LF, 100 Continue', async () => {
    const lf = await safeGet(new URL(`${base}/lf`), { timeoutMs: 2000 });
    expect([lf.status, lf.headers['x-togather-slot'], lf.body.toString()]).toEqual([200, 'green', '{"status":"ok"}']);
    const h10 = await safeGet(new URL(`${base}/http10`), { timeoutMs: 2000 });
    expect([h10.status, h10.version, h10.body.toString()]).toEqual([200, '1.0', '{"status":"ok","pad":"no length, ends at close"}']);
    const close = await safeGet(new URL(`${base}/close`), { timeoutMs: 2000 });
    expect([close.status, close.headers['x-slot'], close.body.toString()]).toEqual([200, 'blue', 'fine']);
    expect((await safeGet(new URL(`${base}/noreason`), { timeoutMs: 2000 })).status).toBe(204);
    expect((await safeGet(new URL(`${base}/folded`), { timeoutMs: 2000 })).headers['x-long']).toBe('part one part two');
    expect((await safeGet(new URL(`${base}/chunked-lf`), { timeoutMs: 2000 })).body.toString()).toBe('abcdefg');
    expect((await safeGet(new URL(`${base}/continue`), { timeoutMs: 2000 })).status).toBe(200);
  });

  it('passes probes on those answers and reads the slot header through them', async () => {
    for (const p of ['/lf', '/http10', '/close']) expect(await runProbe('h', `${base}${p}`, { timeoutMs: 2000 }), p).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect((await httpGet(`${base}/lf`)).headers['x-togather-slot']).toBe('green');
  });

  it('says in plain words why an answer cannot be read, and never quotes it', async () => {
    const cases: [string, RegExp][] = [
      ['/garbage', /not HTTP/],
      ['/badcode', /three-digit/],
      ['/short', /closed after 13 of the 100 bytes/],
      ['/nohead', /closed before the headers ended/],
      ['/badchunk', /chunk size/],
    ];
    for (const [path, why] of cases) {
      const r = await runProbe('h', `${base}${path}`, { timeoutMs: 2000 });
      expect(r.ok, path).toBe(false);
      expect(r.error, path).toMatch(why);
      expect(r.error, path).not.toMatch(/SSH|2x0|only a little/);
    }
  });

  it('reports a status code and a fixed reason, never the body', async () => {
    const down = await runProbe('h', `${base}/down`, { timeoutMs: 2000 });
    expect(down).toMatchObject({ ok: false, statusCode: 200, status: 'down' });
    expect(JSON.stringify(down)).not.toContain('hunter2');
    const e500 = await runProbe('h', `${base}/500`, { timeoutMs: 2000 });
    expect(e500).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(JSON.stringify(e500)).not.toContain('10.1.2.3');
  });

  it('parses incrementally: more until complete', () => {
    expect(parseAnswer(Buffer.from('HTTP/1.1 200 OK\nContent-Le'), false).kind).toBe('more');
    expect(parseAnswer(Buffer.from('HTTP/1.0 200 OK\n\npartial'), false).kind).toBe('more');
    expect(parseAnswer(Buffer.from('HTTP/1.0 200 OK\n\npartial'), true)).toMatchObject({ kind: 'done', answer: { status: 200 } });
    expect(parseAnswer(Buffer.from(''), true)).toEqual({ kind: 'bad', reason: 'the server closed the connection without answering' });
  });
});

describe('targets checked after resolution', () => {
  it('refuses link-local and metadata addresses in every spelling', () => {
    for (const a of ['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '64:ff9b::169.254.169.254', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a9fe:a9fe',
      'fe80::1', 'fd00:ec2::254', '100.100.100.200', '0.0.0.0', '::', '224.0.0.1', '::169.254.169.254'])
      expect(addressProblem(a), a).not.toBeNull();
    for (const a of ['127.0.0.1', '::1', '10.0.0.5', '192.168.1.2', '::ffff:127.0.0.1', '2001:db8::1', '172.17.0.2']) expect(addressProblem(a), a).toBeNull();
  });

  it('refuses names that resolve to them, and probes of such URLs', async () => {
    await expect(resolveSafe('169.254.169.254')).rejects.toThrow(/link-local or cloud metadata/);
    await expect(resolveSafe('[::ffff:169.254.169.254]')).rejects.toThrow(/refused/);
    const r = await runProbe('h', 'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', { timeoutMs: 500 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/refused/);
    expect((await httpGet('http://169.254.169.254/latest/meta-data/', 500)).error).toMatch(/refused/);
    await expect(resolveSafe('localhost')).resolves.toBeTruthy();
  });
});
