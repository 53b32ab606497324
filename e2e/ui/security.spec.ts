// Issue 15 in the browser: after signing in, `next=` never leaves the site, whatever form the URL takes;
// and the pages run under the Content-Security-Policy without a single violation.
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from '../support/slipway-server';
import { screenshot } from '../support/ui';

// As an attacker would put them in a link: each is read by browsers as //evil.example
const HOSTILE_NEXT = ['/%5Cevil.example', '/%09/evil.example', '//evil.example', '/%5C/evil.example', '/.//evil.example'];

for (const next of HOSTILE_NEXT) {
  test(`sign-in with next=${next} stays on this site`, async ({ page, baseURL }) => {
    await page.goto(`/login?next=${next}`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('whoami')).toHaveText('admin');
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe('/');
  });
}

test('a same-site next= is followed', async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent('/audit')}`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

test('pages load under the Content-Security-Policy with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  const res = await page.goto('/login');
  expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('whoami')).toHaveText('admin');
  for (const path of ['/', '/logs', '/health', '/backups', '/audit', '/users']) {
    await page.goto(path);
    await expect(page.getByTestId('whoami')).toHaveText('admin');
  }
  await screenshot(page, 'security-csp-users');
  expect(violations).toEqual([]);
});
