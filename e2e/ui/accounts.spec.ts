// Accounts in Chromium: first-run setup on a fresh server, users created / re-roled / deleted, an API token
// revoked, signing out, and what a viewer's session does not offer. Each outcome is checked on the API.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { waitFor } from '../support/http';
import { startServer } from '../support/slipway-server';
import { screenshot, signIn } from '../support/ui';

const SETUP_PORT = Number(process.env.SLIPWAY_E2E_PORT ?? 3102) + 9;
const tag = crypto.randomBytes(3).toString('hex');
const project = uniqueProject('swt-acct');
let containerName = '';

test.beforeAll(async () => {
  const c = await createTestContainer({ project, service: 'app', cmd: ['sleep', '3600'], env: ['API_SECRET=hunter2'] });
  containerName = c.name;
});

test.afterAll(async () => {
  await removeProject(project);
});

test('first run: the sign-in page leads to /setup, which needs the token from the log', async ({ page, browser }) => {
  const server = await startServer({ port: SETUP_PORT, env: { SLIPWAY_ADMIN_PASSWORD: '' } });
  try {
    const token = await waitFor(async () => /setup token:\s+(\S+)/.exec(server.logs())?.[1], 'the setup token in the log');
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(/\/login/);
    await page.getByTestId('first-run').getByRole('link', { name: 'Create the first admin' }).click();
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel('Setup token').fill('not-the-token');
    await page.getByLabel('Username').fill('owner');
    await page.getByLabel('Password').fill('owner-pass-123');
    await page.getByRole('button', { name: 'Create admin' }).click();
    await expect(page.getByText('wrong setup token')).toBeVisible();
    expect((await (await page.request.get(`${server.url}/api/setup`)).json()).needed).toBe(true);
    await screenshot(page, 'setup-refused');

    await page.getByLabel('Setup token').fill(token);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await expect(page.getByTestId('whoami')).toHaveText('owner');
    expect(await (await page.request.get(`${server.url}/api/auth/me`)).json()).toMatchObject({ username: 'owner', role: 'admin' });
    expect((await (await page.request.get(`${server.url}/api/setup`)).json()).needed).toBe(false);
    // the sign-in page no longer offers setup (a fresh browser context: no session)
    const anonymous = await browser.newPage();
    await Promise.all([anonymous.waitForResponse((r) => r.url().endsWith('/api/setup')), anonymous.goto(`${server.url}/login`)]);
    await expect(anonymous.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(anonymous.getByTestId('first-run')).toHaveCount(0);
    await anonymous.close();
  } finally {
    await server.stop();
  }
});

test('an admin creates a user, changes their role and deletes them', async ({ page, baseURL }) => {
  const name = `ui-user-${tag}`;
  await signIn(page);
  await page.goto('/users');
  await page.getByLabel('New username').fill(name);
  await page.getByLabel('New password').fill('user-pass-123');
  await page.getByLabel('New role').selectOption('viewer');
  await page.getByRole('button', { name: 'Add user' }).click();
  const row = page.locator(`[data-testid=user-row][data-username="${name}"]`);
  await expect(row).toBeVisible();
  const userOf = async () => ((await (await page.request.get('/api/users')).json()) as { username: string; role: string }[]).find((u) => u.username === name);
  expect(await userOf()).toMatchObject({ role: 'viewer' });

  await row.getByLabel(`Role of ${name}`).selectOption('operator');
  // a role change asks first (issue 17.2)
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Change role' }).click();
  await expect(dialog.getByTestId('confirm-result')).toContainText('operator');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(async () => (await userOf())?.role).toBe('operator');
  // the new user signs in with the role just given
  const login = await fetch(`${baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: 'user-pass-123' }) });
  expect(await login.json()).toMatchObject({ username: name, role: 'operator' });

  await page.locator(`[data-testid=user-row][data-username="${name}"]`).getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog.getByTestId('confirm-result')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator(`[data-testid=user-row][data-username="${name}"]`)).toHaveCount(0);
  expect(await userOf()).toBeUndefined();
});

test('a token created on the Users page works until it is revoked there', async ({ page, baseURL }) => {
  const name = `ui-token-${tag}`;
  await signIn(page);
  await page.goto('/users');
  await page.getByLabel('Token name').fill(name);
  await page.getByLabel('Token role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  const asToken = () => fetch(`${baseURL}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect((await asToken()).status).toBe(200);

  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(row).toHaveCount(0);
  expect((await asToken()).status).toBe(401);
});

test('signing out ends the session on the server', async ({ page, baseURL }) => {
  await signIn(page);
  await page.goto('/');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'slipway_session')!;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  // the old cookie is no session any more, even presented by hand
  const me = await fetch(`${baseURL}/api/auth/me`, { headers: { cookie: `slipway_session=${cookie.value}` } });
  expect(me.status).toBe(401);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login/);
});

test('a viewer sees state but no controls, no admin pages and no secrets', async ({ page, baseURL }) => {
  const name = `ui-viewer-${tag}`;
  await signIn(page);
  expect((await page.request.post('/api/users', { data: { username: name, password: 'viewer-pass-123', role: 'viewer' }, headers: { origin: baseURL! } })).status()).toBe(200);
  await page.context().clearCookies();
  await signIn(page, name, 'viewer-pass-123');
  await page.goto('/');
  await expect(page.getByTestId('whoami')).toHaveText(name);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users & tokens' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Notifications' })).toHaveCount(0);
  const row = page.locator(`[data-testid=container-row][data-name="${containerName}"]`);
  await expect(row.getByTestId('state')).toHaveText('running');
  await expect(row.getByRole('button')).toHaveCount(0); // no start/stop/restart
  await screenshot(page, 'viewer-overview');

  await page.goto(`/containers/${containerName}`);
  await expect(page.getByRole('heading', { name: containerName })).toBeVisible();
  await expect(page.getByRole('button', { name: /Restart|Stop/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Shell' })).toHaveCount(0);
  await expect(page.getByText('hunter2')).toHaveCount(0);

  await page.goto('/backups');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Back up volume' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByText('Only admins manage users and tokens.')).toBeVisible();

  // and the server refuses what the page does not offer
  const id = (await (await page.request.get(`/api/containers/${containerName}`)).json()).id as string;
  const stop = await page.request.post(`/api/containers/${id}/stop`, { headers: { origin: baseURL! } });
  expect(stop.status()).toBe(403);
});
