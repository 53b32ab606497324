// Pure pieces of the stacks area: command vectors, label parsing, path checks, error lines, masking, diffs.
import { describe, expect, it } from 'vitest';
import { filesFromLabels } from './compose-labels';
import { driftReasons, parseHashes, unescapeDollars } from './drift';
import { lineFromMessage, maskEnv } from './files';
import { commandsFor, diffSnapshots } from './operations';
import { buildStackRef, engineSharesFiles } from './stack-ref';
import type { ContainerSummary } from '../contract';
import { lineOfKeyPath, pathsStayInside } from './yaml-paths';

describe('commandsFor', () => {
  it('maps each action to compose argument vectors (never a shell string)', () => {
    expect(commandsFor({ action: 'deploy' })).toEqual([['up', '-d', '--remove-orphans']]);
    expect(commandsFor({ action: 'restart', service: 'web' })).toEqual([['restart', 'web']]);
    expect(commandsFor({ action: 'redeploy' })).toEqual([['pull', '--ignore-pull-failures'], ['up', '-d', '--remove-orphans']]);
    expect(commandsFor({ action: 'down' })).toEqual([['down']]);
    expect(commandsFor({ action: 'down', removeVolumes: true })).toEqual([['down', '--volumes']]);
    expect(commandsFor({ action: 'scale', service: 'worker', replicas: 3 })).toEqual([['up', '-d', '--no-deps', '--scale', 'worker=3', 'worker']]);
  });
});

describe('filesFromLabels', () => {
  it('resolves relative config files against the working dir and ignores a relative working dir', () => {
    expect(
      filesFromLabels({
        'com.docker.compose.project.working_dir': '/srv/app/deploy',
        'com.docker.compose.project.config_files': 'docker-compose.yml,/srv/app/deploy/docker-compose.prod.yml',
        'com.docker.compose.project.environment_file': '../.env',
      }),
    ).toEqual({ dir: '/srv/app/deploy', composeFiles: ['/srv/app/deploy/docker-compose.yml', '/srv/app/deploy/docker-compose.prod.yml'], envFile: '/srv/app/.env' });
    expect(filesFromLabels({ 'com.docker.compose.project.working_dir': 'relative/dir' })).toBeNull();
    expect(filesFromLabels({})).toBeNull();
  });
});

describe('pathsStayInside', () => {
  const folder = '/data/stacks/shop';
  it('accepts paths inside the folder', () => {
    expect(pathsStayInside('services:\n  a:\n    image: x\n    env_file: ./app.env\n', folder)).toBeNull();
  });
  it('refuses env_file, extends and include paths that leave it, with their line', () => {
    expect(pathsStayInside('services:\n  a:\n    image: x\n    env_file:\n      - ok.env\n      - ../../etc/shadow\n', folder)).toEqual({ error: expect.stringMatching(/leaves the stack folder/), line: 6 });
    expect(pathsStayInside('services:\n  a:\n    extends:\n      file: /etc/other.yml\n      service: b\n', folder)?.line).toBe(4);
    expect(pathsStayInside('include:\n  - ../other/compose.yaml\nservices: {}\n', folder)?.line).toBe(2);
    expect(pathsStayInside('services:\n  a:\n    env_file: ${HOME}/x.env\n', folder)?.error).toMatch(/variable/);
  });
});

describe('error lines', () => {
  it('takes the last "line N" of a YAML error, else the line of the key path named', () => {
    expect(lineFromMessage('while scanning a simple key\n  in "compose.yaml", line 3, column 1\ncould not find expected \':\'\n  in "compose.yaml", line 4, column 1', undefined)).toBe(4);
    const text = 'services:\n  web:\n    image: x\n    ports: "oops"\n';
    expect(lineFromMessage("The Compose file 'compose.yaml' is invalid because:\nservices.web.ports contains an invalid type", text)).toBe(4);
    expect(lineOfKeyPath(text, 'services.web.nothing')).toBe(2);
  });
});

describe('maskEnv', () => {
  it('hides values and keeps keys and comments', () => {
    expect(maskEnv('# db\nDB_PASSWORD=secret\nexport TOKEN = abc\n\nnot a pair')).toBe('# db\nDB_PASSWORD=••••••\nexport TOKEN =••••••\n\nnot a pair');
  });
});

describe('diffSnapshots and parseHashes', () => {
  it('reports created, removed and changed containers', () => {
    const before = new Map([['a', { name: 'p_web_1', state: 'running' }], ['b', { name: 'p_old_1', state: 'running' }]]);
    const after = new Map([['a', { name: 'p_web_1', state: 'exited' }], ['c', { name: 'p_new_1', state: 'running' }]]);
    expect(diffSnapshots(before, after)).toEqual([
      { name: 'p_new_1', from: null, to: 'running' },
      { name: 'p_old_1', from: 'running', to: null },
      { name: 'p_web_1', from: 'running', to: 'exited' },
    ]);
  });
  it('reads `config --hash` lines', () => {
    const h = 'a'.repeat(64);
    expect(parseHashes(`web ${h}\nWARNING: x\n`)).toEqual(new Map([['web', h]]));
  });
});

describe('drift reasons', () => {
  it('trusts a matching config-hash over a field reading, except for a newer image after a pull', () => {
    const h = 'a'.repeat(64);
    expect(driftReasons(['command'], h, h, false)).toEqual([]);
    expect(driftReasons(['command'], h, h, true)).toEqual(['image']);
    expect(driftReasons([], h, 'b'.repeat(64), false)).toEqual(['config']);
    expect(driftReasons(['env'], h, 'b'.repeat(64), false)).toEqual(['env']);
    expect(driftReasons(['ports'], undefined, h, false)).toEqual(['ports']);
  });

  it('reads `config` output with its $$ escapes as the container holds it', () => {
    expect(unescapeDollars('i=$$((i + 1)); echo "$$i"')).toBe('i=$((i + 1)); echo "$i"');
  });
});

describe('engineSharesFiles', () => {
  it('treats only a unix socket or tcp on loopback as this machine; ssh:// is always another host', () => {
    expect(engineSharesFiles('unix:///var/run/docker.sock')).toBe(true);
    expect(engineSharesFiles('tcp://127.0.0.1:2376')).toBe(true);
    expect(engineSharesFiles('tcp://localhost:2375')).toBe(true);
    expect(engineSharesFiles('tcp://10.0.0.5:2376')).toBe(false);
    expect(engineSharesFiles('tcp://docker.example.com:2376')).toBe(false);
    expect(engineSharesFiles('ssh://ops@lab.example.com')).toBe(false);
    expect(engineSharesFiles('ssh://root@127.0.0.1:2222')).toBe(false);
  });

  it('lists an adopted stack of another host with its labelled paths, never reading them', () => {
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.project.working_dir': '/', 'com.docker.compose.project.config_files': '/etc/hostname.yml' };
    const container = { id: 'c1', project: 'shop', createdAt: '2026-01-01T00:00:00Z', labels } as unknown as ContainerSummary;
    const remote = buildStackRef('/nonexistent-stacks', 'shop', [container], undefined, false);
    expect(remote).toMatchObject({ managed: false, dir: '/', composeFiles: ['/etc/hostname.yml'], filesMissing: true, filesElsewhere: true });
    const local = buildStackRef('/nonexistent-stacks', 'shop', [container], undefined, true);
    expect(local?.filesElsewhere).toBeUndefined();
  });
});
