// Switching environment in the browser: a second real engine started here, its containers shown once
// it is picked in the sidebar, and the environments overview across both.
import { expect, test } from '@playwright/test';
import { BUSYBOX, uniqueProject } from '../support/containers';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServer, type RunningServer } from '../support/slipway-server';
import { screenshot, signIn } from '../support/ui';

const PORT = Number(process.env.SLIPWAY_E2E_PORT ?? 3102) + 5;
const project = uniqueProject('swt-envui');
let engine: SecondEngine;
let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  engine = await startSecondEngine({ images: [BUSYBOX] });
  for (const service of ['api', 'worker']) {
    const c = await engine.docker.createContainer({
      name: `${project}-${service}-1`,
      Image: BUSYBOX,
      Cmd: ['sleep', '3600'],
      StopSignal: 'SIGKILL',
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
      HostConfig: { NetworkMode: 'host' },
    });
    await c.start();
  }
  server = await startServer({ port: PORT, env: { SLIPWAY_ENVIRONMENTS: `local=unix:///var/run/docker.sock,edge=${engine.url}` } });
});

test.afterAll(async () => {
  await server?.stop();
  await engine?.dispose();
});

test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test('switching environment shows that engine’s stacks; the overview lists both', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const switcher = page.getByTestId('env-switcher');
  await expect(switcher).toHaveValue('local');
  await expect(page.getByText(project)).toHaveCount(0);

  await switcher.selectOption('edge');
  await expect(switcher).toHaveValue('edge');
  await expect(page.getByText(project).first()).toBeVisible();
  await expect(page.getByText('worker').first()).toBeVisible();
  await screenshot(page, 'environments-edge-stacks');

  await page.getByRole('link', { name: 'Environments' }).click();
  await expect(page.getByTestId('env-edge')).toContainText('viewing');
  await expect(page.getByTestId('env-edge')).toContainText('reachable');
  await expect(page.getByTestId('env-local')).toContainText('default');
  await expect(page.getByTestId('env-edge').getByText('Running').locator('..')).toContainText('2');
  await screenshot(page, 'environments-overview');

  // back to the default engine from the overview
  await page.getByTestId('env-local').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('env-switcher')).toHaveValue('local');
  await expect(page.getByText(project)).toHaveCount(0);
});
