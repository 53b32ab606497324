// The banner appears when the engine stops and goes when it returns, with no reload.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';

const scripts = path.resolve(__dirname, '..', '..', 'scripts');

test.afterAll(() => {
  execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
});

test('shows the engine banner while Docker is down and clears it when Docker returns', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/');
  await expect(page.getByTestId('whoami')).toBeVisible();
  await expect(page.getByTestId('engine-banner')).toHaveCount(0);
  execFileSync('bash', [path.join(scripts, 'stop-engine.sh')], { stdio: 'inherit' });
  await expect(page.getByTestId('engine-banner')).toBeVisible({ timeout: 15_000 });
  await screenshot(page, 'engine-banner');
  execFileSync('bash', [path.join(scripts, 'ensure-engine.sh')], { stdio: 'inherit' });
  await expect(page.getByTestId('engine-banner')).toHaveCount(0, { timeout: 30_000 });
});
