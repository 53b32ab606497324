// The Swarm pages in a real browser, against a single-node swarm on a second engine started here and a
// Slipway server of its own pointed at it (port SLIPWAY_SWARM_UI_PORT, default 3144). The shared UI
// server (not a swarm manager) shows the empty state.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { SecondEngine } from '../support/second-engine';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/slipway-server';
import { BAD, createService, OK, STACK_FILE, startSwarm, V2 } from '../support/swarm-fixture';
import { screenshot, signIn } from '../support/ui';

const port = Number(process.env.SLIPWAY_SWARM_UI_PORT ?? 3144);
let engine: SecondEngine;
let server: RunningServer;
let webId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  engine = await startSwarm();
  webId = await createService(engine.docker, 'web', 2);
  const stackFile = path.join(engine.dir, 'stack.yml');
  fs.writeFileSync(stackFile, STACK_FILE);
  execFileSync('docker', ['-H', engine.url, 'stack', 'deploy', '--resolve-image', 'never', '-c', stackFile, 'shop'], { stdio: 'pipe' });
  server = await startServer({ port, env: { DOCKER_HOST: engine.url } });
});

test.afterAll(async () => {
  await server?.stop();
  await engine?.dispose();
});

async function signInSwarm(page: Page) {
  const r = await page.request.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD }, headers: { origin: server.url } });
  expect(r.ok()).toBe(true);
}

test('lists nodes and services grouped by stack', async ({ page }) => {
  await signInSwarm(page);
  await page.goto(`${server.url}/swarm`);
  await expect(page.getByTestId('node-row')).toHaveCount(1);
  await expect(page.getByTestId('node-row')).toContainText('leader');
  const shop = page.locator('[data-testid="swarm-stack"][data-stack="shop"]');
  await expect(shop.getByTestId('swarm-service-row')).toHaveCount(2);
  const web = page.locator('[data-testid="swarm-service-row"][data-name="web"]');
  await expect(web.getByTestId('replicas')).toHaveText('2/2');
  await expect(shop.locator('[data-name="shop_api"]').getByTestId('replicas')).toHaveText('1/1');
  await screenshot(page, 'swarm-overview');
});

test('scales a service from its page: the engine runs the new replica count', async ({ page }) => {
  test.setTimeout(60_000);
  await signInSwarm(page);
  await page.goto(`${server.url}/swarm`);
  await page.locator('[data-testid="swarm-service-row"][data-name="shop_api"]').getByRole('link', { name: 'shop_api' }).click();
  const running = page.locator('[data-testid="task-row"][data-desired="running"]');
  await expect(running).toHaveCount(1);
  const spec = async () => (await engine.docker.getService('shop_api').inspect()).Spec.Mode.Replicated?.Replicas;
  const runningTasks = async () => (await engine.docker.listTasks({ filters: { service: ['shop_api'], 'desired-state': ['running'] } })).filter((t) => t.Status?.State === 'running').length;

  await page.getByLabel('Replicas').fill('3');
  await page.getByTestId('scale-submit').click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toContainText('Scale');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('data-ok', 'true');
  await expect(running).toHaveCount(3);
  expect(await spec()).toBe(3);
  await expect.poll(runningTasks, { message: '3 running tasks on the engine' }).toBe(3);
  await screenshot(page, 'swarm-scaled');

  await page.getByLabel('Replicas').fill('1');
  await page.getByTestId('scale-submit').click();
  await expect(running).toHaveCount(1, { timeout: 30_000 });
  expect(await spec()).toBe(1);
  await expect.poll(runningTasks, { message: '1 running task on the engine' }).toBe(1);
});

test('a service page: tasks, logs, a start-first rollout with live progress, and a failing one rolled back', async ({ page }) => {
  test.setTimeout(90_000);
  await signInSwarm(page);
  await page.goto(`${server.url}/swarm`);
  await page.locator('[data-testid="swarm-service-row"][data-name="web"]').getByRole('link', { name: 'web' }).click();
  await expect(page).toHaveURL(new RegExp(`/swarm/services/${webId}$`));
  const current = page.locator('[data-testid="task-row"][data-desired="running"]');
  await expect(current).toHaveCount(2);
  await expect(current.getByTestId('task-state')).toHaveText(['running', 'running']);
  await expect(page.getByTestId('service-log-line').first()).toContainText(/web\.[12]\s*request \d+ served/);

  // rolling update to a new tag, start-first, short monitor
  await page.getByLabel('Image').fill(V2);
  await page.getByLabel('Monitor (s)').fill('1');
  await page.getByTestId('update-submit').click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-phase', 'running');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('service-image')).toHaveText(V2);
  await expect(current.getByTestId('task-state')).toHaveText(['running', 'running']);
  await expect(page.getByTestId('update-status')).toHaveText('completed');
  await screenshot(page, 'swarm-service-updated');

  // roll back on request: the previous image returns, the same way (start-first)
  await page.getByTestId('rollback-button').click();
  await page.getByTestId('rollback-confirm').click();
  await expect(progress).toContainText('Rollback');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('service-image')).toHaveText(OK);

  // an image that exits at once: Docker rolls back by itself, the failed task shows its error
  await page.getByLabel('Image').fill(BAD);
  await page.getByTestId('update-submit').click();
  await expect(progress).toContainText('Rolling update');
  await expect(progress).toHaveAttribute('data-phase', 'running');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 45_000 });
  await expect(progress).toHaveAttribute('data-ok', 'false');
  await expect(progress).toContainText('failed and was rolled back');
  await expect(page.getByTestId('run-message')).toContainText('rolled back due to failure');
  await expect(page.getByTestId('service-image')).toHaveText(OK);
  await expect(page.getByTestId('task-error').first()).toContainText('non-zero exit (1)');
  await expect(current).toHaveCount(2);
  // every log line, of old and new tasks alike, is tagged with its task's name (not a bare task id)
  await expect(page.getByTestId('service-log-line').filter({ hasText: 'config missing' }).first()).toBeVisible();
  await expect(page.getByTestId('service-log-line').filter({ hasNotText: /web\.[12]/ })).toHaveCount(0);
  await screenshot(page, 'swarm-service-rolled-back');
});

test('an environment that is not a swarm manager says so', async ({ page }) => {
  await signIn(page);
  await page.goto('/swarm');
  await expect(page.getByTestId('swarm-empty')).toContainText('not a swarm manager');
  await expect(page.getByTestId('swarm-empty')).toContainText('docker swarm init');
  await screenshot(page, 'swarm-not-manager');
});
