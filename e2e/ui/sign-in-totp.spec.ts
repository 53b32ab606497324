// Issue 19 in the browser: the sign-in form asks for the TOTP code, a role that must use 2FA is sent to
// enrolment (QR code, recovery codes), and a sensitive change on a stale session prompts "confirm it is you".
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD } from '../support/slipway-server';
import { screenshot } from '../support/ui';
import { totpCode } from '../support/totp';
import { ageReauth } from '../support/sessions-store';

let seq = 0;

/** An API context signed in as `username`, sending this server's Origin on writes as a browser would. */
async function apiAs(playwright: typeof import('@playwright/test').request, baseURL: string, username: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwright.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const r = await ctx.post('/api/auth/login', { data: { username, password } });
  expect(r.status(), `login ${username}`).toBe(200);
  return ctx;
}

async function newUser(admin: APIRequestContext, role: 'viewer' | 'operator' | 'admin') {
  const username = `ui-2fa-${role}-${Date.now().toString(36)}-${seq++}`;
  const password = 'password-123';
  expect((await admin.post('/api/users', { data: { username, password, role } })).status()).toBe(200);
  return { username, password };
}

async function fillLogin(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a user with an authenticator signs in with password, then code', async ({ page, baseURL, playwright }) => {
  const admin = await apiAs(playwright.request, baseURL!, 'admin', ADMIN_PASSWORD);
  const u = await newUser(admin, 'viewer');
  const self = await apiAs(playwright.request, baseURL!, u.username, u.password);
  const { secret } = await (await self.post('/api/auth/totp/setup')).json();
  expect((await self.post('/api/auth/totp/enable', { data: { code: totpCode(secret) } })).status()).toBe(200);

  await fillLogin(page, u.username, u.password);
  const code = page.getByLabel('Authentication code');
  await expect(code).toBeVisible();
  const valid = new Set([-1, 0, 1, 2].map((o) => totpCode(secret, o)));
  await code.fill(['000000', '111111', '222222', '333333', '444444'].find((x) => !valid.has(x))!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('wrong or already used code')).toBeVisible();
  await code.fill(totpCode(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('whoami')).toHaveText(u.username);
});

test('an operator who must use 2FA is sent to enrolment, scans the QR code and gets recovery codes', async ({ page, baseURL, playwright }) => {
  const admin = await apiAs(playwright.request, baseURL!, 'admin', ADMIN_PASSWORD);
  expect((await admin.put('/api/settings/sign-in', { data: { require2fa: ['operator'] } })).status()).toBe(200);
  try {
    const u = await newUser(admin, 'operator');
    await fillLogin(page, u.username, u.password);
    await expect(page).toHaveURL(/\/account\?enrol=1$/);
    await expect(page.getByTestId('enrol-notice')).toBeVisible();
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    await expect(page.getByAltText('QR code for your authenticator app')).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Code').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
    await expect(page.getByTestId('totp-state')).toHaveText('On · 10 recovery codes left');
    await screenshot(page, 'sign-in-totp-enrolled');
    await page.goto('/stacks');
    await expect(page.getByTestId('whoami')).toHaveText(u.username);
    await expect(page).toHaveURL(/\/stacks$/);
  } finally {
    expect((await admin.put('/api/settings/sign-in', { data: { require2fa: [] } })).status()).toBe(200);
  }
});

test('a stale session confirms with its password before creating a user, and the change goes through', async ({ page, baseURL, playwright }) => {
  const admin = await apiAs(playwright.request, baseURL!, 'admin', ADMIN_PASSWORD);
  const u = await newUser(admin, 'admin');
  await fillLogin(page, u.username, u.password);
  await expect(page.getByTestId('whoami')).toHaveText(u.username);
  const session = (await page.context().cookies()).find((c) => c.name === 'slipway_session')!;
  expect(ageReauth(process.env.SLIPWAY_E2E_DATA_DIR!, session.value)).toBe(1);

  await page.goto('/users');
  const name = `ui-reauth-${Date.now().toString(36)}`;
  await page.getByLabel('New username').fill(name);
  await page.getByLabel('New password').fill('password-123');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Password or code').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toContainText('wrong password');
  await dialog.getByLabel('Password or code').fill(u.password);
  await screenshot(page, 'sign-in-reauth-prompt');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-testid=user-row][data-username="${name}"]`)).toBeVisible();
});
