// GET /metrics: credential on the main port, Prometheus text, HTTP / socket / Docker series that move
// with real traffic, and the open listener on SLIPWAY_METRICS_PORT.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, waitFor, type Client } from '../support/http';
import { connectSocket } from '../support/sockets';
import { startServer, type RunningServer } from '../support/slipway-server';

const base = inject('slipwayUrl');
let admin: Client;
let token: string;

// name{labels} value — every line that is not a comment
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/;

/** Parses the exposition text; throws on any line that is not a comment or a sample. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    out.set(m[1] + (m[2] ?? ''), Number(m[3].replace('+Inf', 'Infinity')));
  }
  return out;
}

async function scrape(url = base, auth: string | null = token) {
  const r = await fetch(`${url}/metrics`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}
const sample = async (key: string) => parse((await scrape()).text).get(key) ?? 0;

beforeAll(async () => {
  admin = await adminClient(base);
  const r = await admin.post('/api/tokens', { name: `metrics-${Date.now().toString(36)}`, role: 'viewer' });
  expect(r.status).toBe(200);
  token = r.json.token;
});

describe('GET /metrics on the main port', () => {
  it('refuses a scrape without a valid credential', async () => {
    expect((await scrape(base, null)).status).toBe(401);
    expect((await scrape(base, 'sw_not-a-real-token-000')).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it('serves parseable Prometheus text with every family declared', async () => {
    const r = await scrape();
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/plain; version=0.0.4');
    const m = parse(r.text);
    expect(m.get('slipway_engine_reachable{env="local"}')).toBe(1);
    expect(m.get('slipway_active_streams{kind="logs"}')).toBeGreaterThanOrEqual(0);
    expect(m.has('slipway_backup_runs_total{result="succeeded"}')).toBe(true);
    expect(m.has('slipway_slot_switches_total{result="ok"}')).toBe(true);
    expect(m.has('slipway_probe_results_total{result="fail"}')).toBe(true);
    // the watcher's list call went through the instrumented Docker client
    expect(m.get('slipway_docker_api_duration_seconds_count{method="GET",path="/containers/json"}')).toBeGreaterThanOrEqual(1);
    for (const family of ['slipway_http_request_duration_seconds', 'slipway_socket_connections', 'slipway_docker_api_errors_total', 'slipway_backup_duration_seconds', 'slipway_slot_switch_duration_seconds'])
      expect(r.text).toContain(`# TYPE ${family} `);
  });

  it('counts HTTP requests by route pattern, without ids in the label', async () => {
    const key = 'slipway_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"}';
    const before = await sample(key);
    for (let i = 0; i < 3; i++) expect((await admin.get('/api/health')).status).toBe(200);
    expect(await sample(key)).toBeGreaterThanOrEqual(before + 3);
    expect((await admin.get('/api/containers/no-such-container-4242')).status).toBe(404);
    const text = (await scrape()).text;
    expect(text).toContain('route="/api/containers/[id]",status="404"');
    expect(text).not.toContain('no-such-container-4242');
  });

  it('moves the socket connection gauge when a socket connects and leaves', async () => {
    const before = await sample('slipway_socket_connections');
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    try {
      await waitFor(async () => (await sample('slipway_socket_connections')) === before + 1, 'gauge +1');
      expect(await sample('slipway_socket_connections_total')).toBeGreaterThanOrEqual(1);
    } finally {
      socket.close();
    }
    await waitFor(async () => (await sample('slipway_socket_connections')) === before, 'gauge back');
  });
});

describe('SLIPWAY_METRICS_PORT and SLIPWAY_METRICS_TOKEN', () => {
  let server: RunningServer;
  const metricsPort = Number(process.env.SLIPWAY_METRICS_TEST_PORT ?? 3164);
  const secret = 'scrape-secret-0123456789';
  beforeAll(async () => {
    server = await startServer({ port: Number(process.env.SLIPWAY_METRICS_MAIN_PORT ?? 3162), env: { SLIPWAY_METRICS_PORT: String(metricsPort), SLIPWAY_METRICS_TOKEN: secret } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves /metrics without a credential on the metrics port, and nothing else there', async () => {
    const open = await scrape(`http://127.0.0.1:${metricsPort}`, null);
    expect(open.status).toBe(200);
    expect(parse(open.text).get('slipway_engine_reachable{env="local"}')).toBe(1);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/health`)).status).toBe(404);
  });

  it('accepts SLIPWAY_METRICS_TOKEN on the main port and still refuses no or a wrong token', async () => {
    expect((await scrape(server.url, secret)).status).toBe(200);
    expect((await scrape(server.url, `${secret}x`)).status).toBe(401);
    expect((await scrape(server.url, null)).status).toBe(401);
  });
});
