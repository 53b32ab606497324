// First run without SLIPWAY_ADMIN_PASSWORD: a one-time setup token in the server log is the only way in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/slipway-server';
import { Client, waitFor } from '../support/http';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: Number(process.env.SLIPWAY_SETUP_PORT ?? 3109), env: { SLIPWAY_ADMIN_PASSWORD: '' } });
});

afterAll(async () => {
  await server?.stop();
});

describe('first-run setup', () => {
  it('requires the one-time token from the log, then closes for good', async () => {
    const token = await waitFor(async () => /setup token:\s+(\S+)/.exec(server.logs())?.[1], 'setup token in the log', 10_000);
    const anon = new Client(server.url);
    expect((await anon.get('/api/setup')).json).toEqual({ needed: true });
    expect((await anon.post('/api/auth/login', { username: 'admin', password: 'anything-at-all' })).status).toBe(401);

    const wrong = await anon.post('/api/setup', { token: 'not-the-token', username: 'root', password: 'password-123' });
    expect(wrong.status).toBe(403);
    expect((await anon.post('/api/setup', { token, username: 'root', password: 'short' })).status).toBe(400);
    expect((await anon.post('/api/setup', { token, username: 'root', password: 'password-123' }, { origin: 'http://evil.example' })).status).toBe(403);

    const ok = await anon.post('/api/setup', { token, username: 'root', password: 'password-123' });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ username: 'root', role: 'admin' });
    expect((await anon.get('/api/auth/me')).json.username).toBe('root');

    expect((await new Client(server.url).get('/api/setup')).json).toEqual({ needed: false });
    const again = await new Client(server.url).post('/api/setup', { token, username: 'second', password: 'password-123' });
    expect(again.status).toBe(409);
    const audit = (await anon.get('/api/audit?limit=20')).json as { action: string; result: string }[];
    expect(audit.some((e) => e.action === 'setup' && e.result === 'failed')).toBe(true);
    expect(audit.some((e) => e.action === 'setup' && e.result === 'ok')).toBe(true);
  });
});
