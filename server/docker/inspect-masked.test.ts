import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { maskedInspect } from './inspect-masked';

const doc = () =>
  ({
    Id: 'abc',
    Name: '/x',
    Config: {
      Env: ['PATH=/bin', 'DB_PASSWORD=hunter2', 'EMPTY=', 'NOVALUE'],
      Labels: { 'com.docker.compose.project': 'p', 'app.api_key': 'k-123', 'Secret.Thing': 's', 'my.token': 't', 'backup.passphrase': 'pp', plain: 'v' },
    },
  }) as unknown as Docker.ContainerInspectInfo;

describe('maskedInspect', () => {
  it('masks every env value and secret-looking label values, keeping names', () => {
    const m = maskedInspect(doc(), false);
    expect(m.Config.Env).toEqual(['PATH=••••••', 'DB_PASSWORD=••••••', 'EMPTY=••••••', 'NOVALUE']);
    expect(m.Config.Labels).toEqual({ 'com.docker.compose.project': 'p', 'app.api_key': '••••••', 'Secret.Thing': '••••••', 'my.token': '••••••', 'backup.passphrase': '••••••', plain: 'v' });
    expect(JSON.stringify(m)).not.toMatch(/hunter2|k-123/);
  });

  it('shows everything to a role that may read secrets and never changes its input', () => {
    const d = doc();
    expect(maskedInspect(d, true).Config.Env).toContain('DB_PASSWORD=hunter2');
    maskedInspect(d, false);
    expect(d.Config.Env).toContain('DB_PASSWORD=hunter2');
  });
});
