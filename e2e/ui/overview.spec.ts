// The overview in a real browser against real containers.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swe');

test.beforeAll(async () => {
  await Promise.all([
    createTestContainer({ project, service: 'api', cmd: ['sleep', '3600'], restart: 'unless-stopped', healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }),
    createTestContainer({ project, service: 'worker', cmd: ['sleep', '3600'], restart: 'unless-stopped' }),
    createTestContainer({ project, service: 'migrate', cmd: ['sh', '-c', 'echo done'] }),
    createTestContainer({ project, service: 'sick', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD', 'false'], intervalMs: 300 } }),
  ]);
});

test.afterAll(async () => {
  await removeProject(project);
});

test('signs in through the form', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, 'login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('wrong username or password')).toBeVisible();
  await page.getByLabel('Password').fill('test-admin-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('whoami')).toHaveText('admin');
});

test('shows states and health, and follows a container stopped with the docker CLI without reload', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const stack = page.locator(`[data-stack="${project}"]`);
  await expect(stack).toBeVisible();
  const row = (name: string) => stack.locator(`[data-testid=container-row][data-name="${project}-${name}-1"]`);
  await expect(row('migrate').getByTestId('state')).toHaveText('completed');
  await expect(row('sick').getByTestId('health')).toHaveText('unhealthy');
  await expect(row('api').getByTestId('health')).toHaveText('healthy');
  await expect(row('worker').getByTestId('state')).toHaveText('running');
  await screenshot(page, 'overview');

  let navigations = 0;
  page.on('framenavigated', () => navigations++);
  execFileSync('docker', ['stop', `${project}-worker-1`]);
  await expect(row('worker').getByTestId('state')).toHaveText('exited', { timeout: 3000 });
  execFileSync('docker', ['start', `${project}-worker-1`]);
  await expect(row('worker').getByTestId('state')).toHaveText('running', { timeout: 3000 });
  expect(navigations).toBe(0);
});

test('stops and starts a container from the page', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const row = page.locator(`[data-testid=container-row][data-name="${project}-worker-1"]`);
  await row.getByRole('button', { name: 'Stop' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row.getByTestId('state')).toHaveText('exited');
  await row.getByRole('button', { name: 'Start' }).click();
  await expect(row.getByTestId('state')).toHaveText('running');
});

test('container detail, audit log and users pages render', async ({ page }) => {
  await signIn(page);
  await page.goto(`/containers/${project}-sick-1`);
  await expect(page.getByRole('heading', { name: `${project}-sick-1` })).toBeVisible();
  await expect(page.getByText('Healthcheck log')).toBeVisible();
  await expect(page.getByTestId('health').first()).toHaveText('unhealthy');
  await screenshot(page, 'container-detail');

  await page.goto('/audit');
  await expect(page.getByTestId('audit-table')).toContainText('container.stop');
  await screenshot(page, 'audit');

  await page.goto('/users');
  await expect(page.locator('[data-testid=user-row][data-username=admin]')).toBeVisible();
  await page.getByLabel('Token name').fill('e2e-script');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^sw_/);
  await screenshot(page, 'users');
});
