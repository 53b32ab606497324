// The charts page, the overview's compact usage, the health page and the probe panel, in a real
// browser against real containers with live data.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { BUSYBOX, createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swsu');
const port = 20000 + Math.floor(Math.random() * 9999);

test.beforeAll(async () => {
  // A third of a core: visible on the chart, gentle on a shared machine.
  const burner = await docker.createContainer({
    name: `${project}-worker-1`,
    Image: BUSYBOX,
    Cmd: ['sh', '-c', 'while :; do :; done'],
    Labels: { 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.service': 'worker' },
    StopSignal: 'SIGKILL',
    HostConfig: { NetworkMode: 'host', NanoCpus: 300_000_000, Memory: 64 * 1024 * 1024 },
  });
  await burner.start();
  await createTestContainer({
    project, service: 'api',
    cmd: ['sh', '-c', `mkdir -p /www && echo '{"status":"ok"}' > /www/health && exec httpd -f -p 127.0.0.1:${port} -h /www`],
    labels: { 'slipway.probe.health': `http://127.0.0.1:${port}/health`, 'slipway.probe.ready': `http://127.0.0.1:${port}/ready`, 'slipway.probe.interval': '1s' },
  });
});

test.afterAll(async () => {
  await removeProject(project);
});

test('the charts page shows live CPU and memory of a busy container', async ({ page }) => {
  await signIn(page);
  await page.goto(`/containers/${project}-worker-1`);
  await page.getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByRole('heading', { name: `Stats · ${project}-worker-1` })).toBeVisible();
  for (const chart of ['chart-cpu', 'chart-mem', 'chart-net', 'chart-blk']) await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();
  // Live: the CPU reading climbs to the container's third of a core.
  await expect(async () => {
    const v = parseFloat((await page.getByTestId('stats-cpu-value').textContent()) ?? '');
    expect(v).toBeGreaterThan(15);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId('stats-mem')).toContainText('64 MB limit');
  await expect(page.getByTestId('chart-cpu').locator('.u-legend')).toContainText('CPU %');
  // A few seconds of history drawn before the picture is taken.
  await expect(page.getByTestId('stats-samples')).toHaveAttribute('data-count', /^([5-9]|\d{2,})$/, { timeout: 15_000 });
  await screenshot(page, 'stats-charts');
});

test('the stack stats page shows a live chart per running container', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.locator(`[data-stack="${project}"]`).getByTestId('stack-stats-link').click();
  await expect(page.getByRole('heading', { name: `Stats · ${project}` })).toBeVisible();
  const cards = page.getByTestId('stack-stats-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.first().locator('canvas')).toBeVisible();
  await expect(page.locator(`[data-testid=stack-stats-card][data-name="${project}-worker-1"]`).getByTestId('card-reading')).toHaveText(/%.*B$/);
});

test('the overview shows a compact CPU/memory reading and the health rollup per service', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const row = page.locator(`[data-testid=container-row][data-name="${project}-worker-1"]`);
  await expect(async () => {
    const v = parseFloat((await row.getByTestId('usage-cpu').textContent()) ?? '');
    expect(v).toBeGreaterThan(15);
  }).toPass({ timeout: 15_000 });
  await expect(row.getByTestId('usage-mem')).toHaveText(/B$/);
  const api = page.locator(`[data-testid=container-row][data-name="${project}-api-1"]`);
  // /ready does not exist (404) while /health passes: one of two probes fails, the container is degraded.
  await expect(api.getByTestId('service-rollup')).toHaveText('degraded');
  await screenshot(page, 'overview-usage');
});

test('the health page lists what is not healthy first, with the reason, and follows changes live', async ({ page }) => {
  await signIn(page);
  await page.goto('/health');
  const row = page.locator(`[data-testid=sick-row][data-name="${project}-api-1"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('reasons')).toContainText('probe ready');
  await expect(row.getByTestId('reasons')).toContainText('HTTP 404');
  await expect(row.getByTestId('rollup')).toHaveText('degraded');
  // Break /health too: both probes fail, the row turns unhealthy without a reload.
  execFileSync('docker', ['exec', `${project}-api-1`, 'sh', '-c', `echo '{"status":"down"}' > /www/health`]);
  await expect(row.getByTestId('rollup')).toHaveText('unhealthy', { timeout: 5000 });
  await expect(row.getByTestId('reasons')).toContainText('status "down"');
  await screenshot(page, 'health');

  await row.getByRole('link', { name: `${project}-api-1` }).click();
  await expect(page.getByText('HTTP probes')).toBeVisible();
  await expect(page.locator('[data-testid=probe-row][data-probe=health]')).toHaveAttribute('data-ok', 'false');
  await expect(page.locator('[data-testid=probe-row][data-probe=ready]')).toContainText('404');
  await screenshot(page, 'container-probes');
});
