// Issue 19: single sign-on in Chromium against a real OpenID provider (oidc-provider on 127.0.0.1), on a
// Slipway of this spec's own with password sign-in switched off (the break-glass admin keeps it).
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/slipway-server';
import { freePort } from '../support/ports';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { screenshot } from '../support/ui';

let op: TestProvider;
let server: RunningServer;

test.beforeAll(async () => {
  const port = await freePort();
  op = await startOidcProvider([`http://127.0.0.1:${port}/api/auth/oidc/callback`]);
  server = await startServer({
    port,
    env: {
      SLIPWAY_OIDC_ISSUER: op.issuer, SLIPWAY_OIDC_CLIENT_ID: op.clientId, SLIPWAY_OIDC_CLIENT_SECRET: op.clientSecret,
      SLIPWAY_OIDC_ROLE_CLAIM: 'groups', SLIPWAY_OIDC_ROLE_MAP: 'ops=operator,admins=admin', SLIPWAY_OIDC_SCOPES: 'openid profile groups',
      SLIPWAY_LOCAL_LOGIN: 'off', SLIPWAY_BREAK_GLASS_USER: 'admin',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await op?.close();
});

test('signs in through the provider, lands where it was going, and the role follows the claim', async ({ page }) => {
  const name = `ui-sso-${Date.now().toString(36)}`;
  op.account = { sub: `sub-${name}`, preferred_username: name, groups: ['ops'] };
  await page.goto(`${server.url}/login?next=${encodeURIComponent('/audit')}`);
  // password sign-in is off: only the emergency form, folded away
  await expect(page.getByText('Emergency administrator sign-in')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeHidden();
  await screenshot(page, 'sign-in-oidc-login');
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await expect(page.getByTestId('whoami')).toHaveText(name);
  await expect(page).toHaveURL(`${server.url}/audit`);
  await expect(page.locator('aside').getByText('operator', { exact: true })).toBeVisible();
});

test('a refused sign-in comes back to the sign-in page with the reason', async ({ page }) => {
  op.account = { sub: 'sub-stranger', preferred_username: `stranger-${Date.now().toString(36)}`, groups: ['visitors'] };
  await page.goto(`${server.url}/login`);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByText(/no role for stranger-/)).toBeVisible();
});

test('the break-glass admin still signs in with a password', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByText('Emergency administrator sign-in').click();
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('whoami')).toHaveText('admin');
});
