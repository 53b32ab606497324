// The updates page in Chromium: a compose service from a local registry, v2 pushed to its tag →
// "Check now" shows update-available → one click updates it → v2 serves and the row is up to date.
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';
import { buildImage, composeDown, composeUp, push, removeImages, startRegistry, uid, type LocalRegistry, type Stack } from '../api/updates-fixture';
import { execFileSync } from 'node:child_process';

let registry: LocalRegistry;
let stack: Stack | null = null;
const repo = `swupdui-${uid()}/web`;
const tags: string[] = [];

test.beforeAll(async () => {
  registry = await startRegistry();
  const base = `${registry.host}/${repo}`;
  tags.push(`${base}:v1`, `${base}:v2`, `${base}:stable`);
  await buildImage(`${base}:v1`, 'v1');
  await buildImage(`${base}:v2`, 'v2');
  execFileSync('docker', ['tag', `${base}:v1`, `${base}:stable`]);
  await push(registry, `${base}:stable`);
  stack = await composeUp(registry, repo);
  execFileSync('docker', ['tag', `${base}:v2`, `${base}:stable`]);
  await push(registry, `${base}:stable`);
  execFileSync('docker', ['tag', `${base}:v1`, `${base}:stable`]); // the host still has v1 under the tag
});

test.afterAll(async () => {
  if (stack) await composeDown(stack);
  await removeImages([...tags, `slipway-rollback:${stack?.project}.web`]);
  await registry?.stop();
});

test('updates page shows update-available and one click updates the service', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/updates');
  await page.getByTestId('check-now').click();
  const row = page.locator(`[data-testid="update-row"][data-project="${stack!.project}"]`);
  await expect(row.getByTestId('update-status')).toHaveText('update-available', { timeout: 30_000 });
  await screenshot(page, 'updates-available');
  // issue 14 point 2: the result shows on the overview and the stack page too
  await page.goto('/');
  await expect(page.locator(`[data-testid="stack"][data-stack="${stack!.project}"]`).getByTestId('update-status').first()).toHaveText('update-available');
  await page.goto(`/stacks/${stack!.project}`);
  await expect(page.getByTestId('services-table').getByTestId('update-status').first()).toHaveText('update-available');
  await page.goto('/updates');
  await row.getByTestId('update-service').click();
  await expect(page.locator(`[data-testid="update-row"][data-project="${stack!.project}"]`).getByTestId('update-status')).toHaveText('up-to-date', { timeout: 90_000 });
  const body = await (await fetch(`http://127.0.0.1:${stack!.port}/version`)).text();
  expect(body.trim()).toBe('v2');
  await screenshot(page, 'updates-done');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'updates-mobile');
});
