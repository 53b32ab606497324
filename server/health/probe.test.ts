// The probe against local HTTP servers on 127.0.0.1: JSON status, redirects, timeout, body cap.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe, statusField } from './probe';
import { parseDuration, probesFromLabels, probeTiming } from './probe-labels';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/ok') return res.end(JSON.stringify({ status: 'ok' }));
    if (req.url === '/down') return res.end(JSON.stringify({ status: 'DOWN' }));
    if (req.url === '/500') return (res.statusCode = 500), res.end('database unreachable');
    if (req.url === '/same') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/other') return res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/ok` }).end();
    if (req.url === '/big') return res.end(JSON.stringify({ status: 'ok', pad: 'x'.repeat(200_000) }));
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('runProbe', () => {
  it('records status code, latency and the JSON status field', async () => {
    const r = await runProbe('health', `${base}/ok`, { timeoutMs: 1000 });
    expect(r).toMatchObject({ name: 'health', ok: true, statusCode: 200, status: 'ok', error: null });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails on a failing status word even with a 200, and on a 500, without repeating the body (issue 15.3)', async () => {
    expect(await runProbe('h', `${base}/down`, { timeoutMs: 1000 })).toMatchObject({ ok: false, statusCode: 200, status: 'down' });
    const r = await runProbe('h', `${base}/500`, { timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(JSON.stringify(r)).not.toContain('database unreachable');
  });

  it('follows a redirect on the same host and refuses one to another host', async () => {
    expect(await runProbe('h', `${base}/same`, { timeoutMs: 1000 })).toMatchObject({ ok: true, statusCode: 200 });
    const r = await runProbe('h', `${base}/other`, { timeoutMs: 1000 });
    expect(r.ok).toBe(false);
    expect(r.error).toContain('another host');
  });

  it('times out and caps the body it reads', async () => {
    const slow = await runProbe('h', `${base}/slow`, { timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, statusCode: null });
    expect(slow.error).toContain('timed out');
    const big = await runProbe('h', `${base}/big`, { timeoutMs: 1000, maxBodyBytes: 1024 });
    expect(big).toMatchObject({ ok: true, statusCode: 200, status: null });
  });

  it('refuses URLs that are not http(s)', async () => {
    expect((await runProbe('h', 'file:///etc/passwd', { timeoutMs: 100 })).error).toContain('only http');
    expect((await runProbe('h', 'not a url', { timeoutMs: 100 })).ok).toBe(false);
  });
});

describe('probe labels', () => {
  it('reads probes and timing from labels', () => {
    const labels = { 'slipway.probe.health': 'http://127.0.0.1:1/health', 'slipway.probe.interval': '2s', 'slipway.probe.timeout': '500ms', 'slipway.probe.': 'x', other: 'y' };
    expect(probesFromLabels(labels)).toEqual([{ name: 'health', url: 'http://127.0.0.1:1/health' }]);
    expect(probeTiming(labels, { intervalMs: 10_000, timeoutMs: 3000 })).toEqual({ intervalMs: 2000, timeoutMs: 500 });
    expect(probeTiming({}, { intervalMs: 10_000, timeoutMs: 3000 })).toEqual({ intervalMs: 10_000, timeoutMs: 3000 });
    expect(parseDuration('1m')).toBe(60_000);
    expect(parseDuration('soon')).toBeNull();
    expect(statusField('[1]')).toBeNull();
  });
});
