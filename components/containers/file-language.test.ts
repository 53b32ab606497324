import { describe, expect, it } from 'vitest';
import { languageFor } from './file-language';

describe('file viewer language', () => {
  it.each([
    ['/app/docker-compose.yml', 'YAML'],
    ['/etc/nginx/nginx.conf', 'nginx'],
    ['/etc/nginx/conf.d/upstream-blue.conf', 'nginx'],
    ['/app/package.json', 'JSON'],
    ['/Dockerfile', 'Dockerfile'],
    ['/usr/local/bin/docker-entrypoint.sh', 'shell'],
    ['/app/.env', 'properties'],
    ['/app/settings.ini', 'properties'],
    ['/app/pyproject.toml', 'TOML'],
    ['/app/main.py', 'Python'],
    ['/app/server.mjs', 'JavaScript'],
    ['/docker-entrypoint-initdb.d/schema.sql', 'SQL'],
    ['/usr/share/nginx/html/index.html', 'XML'],
  ])('%s is highlighted as %s', (name, label) => {
    expect(languageFor(name)?.label).toBe(label);
  });

  it('leaves unknown files plain', () => {
    expect(languageFor('/var/log/app.log')).toBeNull();
    expect(languageFor('/bin/busybox')).toBeNull();
  });

  it('loads a grammar for each language', async () => {
    for (const name of ['a.yml', 'a.json', 'nginx.conf', 'a.sh', 'a.py']) await expect(languageFor(name)!.load()).resolves.toBeTruthy();
  });
});
