// Issue 19: passkeys in Chromium's virtual authenticator (CDP WebAuthn): register one in account settings,
// sign out, sign in with it, and confirm a sensitive change with it. WebAuthn needs a real domain, so these
// pages are opened on localhost.
import { expect, test, type Page } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { ADMIN_PASSWORD } from '../support/slipway-server';
import { screenshot } from '../support/ui';
import { ageReauth } from '../support/sessions-store';

const ORIGIN = `http://localhost:${E2E_PORT}`;
test.use({ baseURL: ORIGIN });

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
}

test('registers a passkey, signs in with it, and confirms a sensitive change with it', async ({ page, playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await admin.post('/api/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } })).status()).toBe(200);
  const username = `ui-passkey-${Date.now().toString(36)}`;
  expect((await admin.post('/api/users', { data: { username, password: 'password-123', role: 'admin' } })).status()).toBe(200);
  await addVirtualAuthenticator(page);

  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('whoami')).toHaveText(username);

  await page.goto('/account');
  await page.getByLabel('Passkey name').fill('Test laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByTestId('passkey-list')).toContainText('Test laptop');
  await screenshot(page, 'sign-in-passkey-registered');

  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByTestId('whoami')).toHaveText(username);

  // ten minutes later: removing the passkey asks for a fresh proof, given with the passkey itself
  const session = (await page.context().cookies()).find((c) => c.name === 'slipway_session')!;
  expect(ageReauth(process.env.SLIPWAY_E2E_DATA_DIR!, session.value)).toBe(1);
  await page.goto('/account');
  await page.getByTestId('passkey-list').getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('passkey-list')).toContainText('No passkeys yet.');

  const audit = (await (await admin.get('/api/audit?limit=100')).json()) as { username: string; action: string; result: string }[];
  const mine = audit.filter((e) => e.username === username).map((e) => `${e.action}:${e.result}`);
  expect(mine).toEqual(expect.arrayContaining(['passkey.add:ok', 'login:ok', 'reauth:ok', 'passkey.remove:ok']));
});
