// A backup that fills the disk, on a server of its own (port SLIPWAY_DISKFULL_PORT, default 3114)
// whose backups directory is a real 8 MB tmpfs (mounted here; the test runs as root, as the engine
// does): a volume of 24 MB of incompressible data cannot fit. The run must end `failed` with the
// kernel's ENOSPC, leave no file behind, keep the server serving, and free the space for the next one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRecord } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { startServer, type RunningServer } from '../support/slipway-server';
import { busybox, createContainer, BUSYBOX, removeAll, uid } from './backups-fixtures';

const port = Number(process.env.SLIPWAY_DISKFULL_PORT ?? 3114);
const id = uid();
const big = `swt-dfull-big-${id}`;
const small = `swt-dfull-small-${id}`;
const bigHolder = `swt-dfull-bigc-${id}`;
const smallHolder = `swt-dfull-smallc-${id}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-disk-full-'));
const backupsDir = path.join(dataDir, 'backups'); // where server/backups/catalog.ts keeps the files
let mounted = false;
let server: RunningServer;
let admin: Client;

const files = () => fs.readdirSync(backupsDir);
const usedKb = () => Number(execFileSync('df', ['-k', '--output=used', backupsDir], { encoding: 'utf8' }).trim().split('\n')[1]);

async function finished(backupId: number): Promise<BackupRecord> {
  return waitFor(async () => {
    const b = (await admin.get(`/api/backups/${backupId}`)).json as BackupRecord;
    return b.status === 'running' || b.status === 'succeeded' ? undefined : b;
  }, `backup ${backupId} finished`, 60_000, 200);
}

beforeAll(async () => {
  fs.mkdirSync(backupsDir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', `slipway-test-${id}`, backupsDir]);
  mounted = true;
  busybox([`${big}:/data`], 'dd if=/dev/urandom of=/data/big.bin bs=1M count=24 2>/dev/null');
  busybox([`${small}:/data`], 'echo "a small volume" > /data/note.txt && dd if=/dev/zero of=/data/zeros.bin bs=1K count=512 2>/dev/null');
  await Promise.all([
    createContainer({ name: bigHolder, image: BUSYBOX, binds: [`${big}:/data`], labels: { 'slipway.backup': 'volume' }, cmd: ['sleep', '3600'] }),
    createContainer({ name: smallHolder, image: BUSYBOX, binds: [`${small}:/data`], labels: { 'slipway.backup': 'volume' }, cmd: ['sleep', '3600'] }),
  ]);
  server = await startServer({ port, dataDir });
  admin = await adminClient(server.url);
  await waitFor(async () => (await admin.get(`/api/containers/${bigHolder}`)).status === 200 && (await admin.get(`/api/containers/${smallHolder}`)).status === 200, 'containers seen');
});

afterAll(async () => {
  await server?.stop();
  await removeAll([bigHolder, smallHolder], [big, small]);
  if (mounted) execFileSync('umount', [backupsDir]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a backup that fills the disk', () => {
  it('fails with ENOSPC, leaves no file, and the server keeps serving', async () => {
    expect(files()).toEqual([]);
    const r = await admin.post('/api/backups', { target: bigHolder });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const b = await finished(r.json.id);
    expect(b.status).toBe('failed');
    expect(b.error).toMatch(/ENOSPC|no space left on device/i);
    expect(b).toMatchObject({ sizeBytes: null, sha256: null, fileName: null });
    expect(files()).toEqual([]); // neither the .partial nor a final file
    expect(usedKb()).toBeLessThan(64); // and the space is free again
    expect(server.child.exitCode).toBeNull();
    expect((await admin.get('/api/health')).status).toBe(200);
    expect((await admin.get('/api/stacks')).status).toBe(200);
    expect((await admin.get(`/api/backups?target=${encodeURIComponent(bigHolder)}`)).status).toBe(200);
  });

  it('takes the next backup that fits, verified', async () => {
    const r = await admin.post('/api/backups', { target: smallHolder });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const b = await finished(r.json.id);
    expect(b.status, b.error ?? '').toBe('verified');
    expect(files()).toEqual([b.fileName]);
    expect(fs.statSync(path.join(backupsDir, b.fileName!)).size).toBe(b.sizeBytes);
  });
});
