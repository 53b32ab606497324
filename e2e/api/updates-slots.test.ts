// One-click update of a blue/green slot service: the new image goes to the idle slot, is gated, traffic
// switches, and the previously active slot keeps the old image for an instant revert.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { clientWithRole, type Client, waitFor } from '../support/http';
import { docker } from '../support/containers';
import { createSlotStack, NGINX, servedSlot, type SlotStack } from '../support/slot-stack';
import { push, removeImages, startRegistry, uid, type LocalRegistry } from './updates-fixture';

const run = promisify(execFile);
const base = inject('slipwayUrl');
let operator: Client;
let registry: LocalRegistry;
let stack: SlotStack | null = null;
const repo = `swupdslot-${uid()}/app`;
let tag = '';

beforeAll(async () => {
  operator = await clientWithRole(base, 'operator');
  registry = await startRegistry();
  tag = `${registry.host}/${repo}:stable`;
  await run('docker', ['tag', NGINX, `${registry.host}/${repo}:v1`]);
  await run('docker', ['tag', NGINX, tag]);
  await push(registry, tag);
  stack = await createSlotStack({ image: tag });
}, 180_000);

afterAll(async () => {
  await stack?.remove();
  await removeImages([tag, `${registry.host}/${repo}:v1`, `${registry.host}/${repo}:v2`]);
  await registry?.stop();
});

it('deploys v2 to the idle slot, switches to it, and keeps the old slot on v1', async () => {
  expect(await servedSlot(stack!)).toBe('blue');
  // v2 on the registry under the same tag; the host keeps v1 under it
  const v2 = `${registry.host}/${repo}:v2`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swupdslot-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${NGINX}\nLABEL slipway.test.version="v2"\n`);
  await run('docker', ['build', '-q', '-t', v2, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  fs.rmSync(dir, { recursive: true, force: true });
  await run('docker', ['tag', v2, tag]);
  await push(registry, tag);
  await run('docker', ['tag', `${registry.host}/${repo}:v1`, tag]);
  const v1Id = (await docker.getImage(`${registry.host}/${repo}:v1`).inspect()).Id;
  const v2Id = (await docker.getImage(v2).inspect()).Id;

  const r = await operator.post(`/api/stacks/${stack!.project}/services/app-blue/update`, {});
  expect(r.status).toBe(202);
  const job = await waitFor(async () => {
    const j = await operator.get(`/api/updates/jobs/${r.json.id}`);
    return j.json.status !== 'running' ? j.json : null;
  }, 'update finished', 120_000, 250);
  expect(job.status, job.output).toBe('succeeded');
  expect(await servedSlot(stack!)).toBe('green');
  const green = (await docker.listContainers({ filters: { label: [`slipway.slot.group=${stack!.group}`, 'slipway.slot=green'] } }))[0];
  const blue = (await docker.listContainers({ all: true, filters: { label: [`slipway.slot.group=${stack!.group}`, 'slipway.slot=blue'] } }))[0];
  expect(green.ImageID).toBe(v2Id);
  expect(blue.ImageID).toBe(v1Id);
}, 180_000);
