// The README's screenshots, taken from a small demo stack: overview, stacks, logs and health at 1440×900
// in light and dark, and the overview on a phone (390×844). They go to e2e/.artifacts/screens like every
// spec's; with SLIPWAY_README_SCREENSHOTS=1 they replace docs/screenshots/*.png (run it by hand after a UI
// change, so a test run never dirties the repository).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { SCREENS, signIn } from '../support/ui';

const project = uniqueProject('shop');
const OUT = process.env.SLIPWAY_README_SCREENSHOTS === '1' ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots') : SCREENS;
const logLoop = (lines: string[]) => ['sh', '-c', `i=0; while true; do i=$((i+1)); ${lines.map((l) => `echo "${l}"`).join('; ')}; sleep 1; done`];

test.beforeAll(async () => {
  await Promise.all([
    createTestContainer({ project, service: 'web', cmd: logLoop(['GET / 200 3ms', 'GET /assets/app.js 200 1ms']), healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }),
    createTestContainer({ project, service: 'api', cmd: logLoop(['{\\"level\\":\\"info\\",\\"msg\\":\\"order created\\",\\"id\\":$i}', 'GET /api/orders 200 12ms']), healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }),
    createTestContainer({ project, service: 'api', index: 2, cmd: logLoop(['GET /api/orders 200 9ms']), healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }),
    createTestContainer({ project, service: 'worker', cmd: logLoop(['[notice] processed batch $i', 'warning: queue depth 12']) }),
    createTestContainer({ project, service: 'migrate', cmd: ['sh', '-c', 'echo migrations applied'] }),
  ]);
});

test.afterAll(async () => {
  await removeProject(project);
});

async function shoot(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

async function pages(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByLabel('Filter', { exact: true }).fill(project);
  const stack = page.locator(`[data-stack="${project}"]`);
  await expect(stack.getByTestId('service-rollup').first()).toHaveText('healthy');
  await expect(stack.locator('[data-testid=container-row]')).toHaveCount(5);
  await expect(stack.getByTestId('usage-cpu')).toHaveCount(4); // the running four have a sample
  await page.getByLabel('Filter', { exact: true }).blur();
  await shoot(page, `overview-${theme}`);

  await page.goto('/stacks');
  await expect(page.getByText(project).first()).toBeVisible();
  await shoot(page, `stacks-${theme}`);

  await page.goto(`/logs?project=${project}`);
  await expect(page.getByText('GET /api/orders 200').first()).toBeVisible();
  await shoot(page, `logs-${theme}`);

  await page.goto('/health');
  await expect(page.getByTestId('all-healthy').or(page.getByTestId('sick-row').first())).toBeVisible();
  await shoot(page, `health-${theme}`);
}

test('README screenshots: the main pages light and dark, and the overview on a phone', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await pages(page, 'light');
  await pages(page, 'dark');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByLabel('Filter', { exact: true }).fill(project);
  await expect(page.locator(`[data-stack="${project}"]`).getByTestId('service-card').first()).toBeVisible();
  await expect(page.locator(`[data-stack="${project}"]`).getByTestId('usage-cpu').first()).toBeVisible();
  // nothing in the stack's card is cut off at the right edge
  const stackBox = (await page.locator(`[data-stack="${project}"]`).boundingBox())!;
  const statsBox = (await page.locator(`[data-stack="${project}"]`).getByTestId('stack-stats-link').boundingBox())!;
  expect(statsBox.x + statsBox.width).toBeLessThanOrEqual(stackBox.x + stackBox.width);
  await page.getByLabel('Filter', { exact: true }).blur();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shoot(page, 'overview-phone');
});
