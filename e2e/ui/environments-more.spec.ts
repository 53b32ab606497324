// Environments managed in the browser on the shared server: an admin adds one (the shared engine again under
// another name) and opens it, adds one whose engine does not answer (shown unreachable with the reason, the
// others unaffected), and removes both. Each outcome is checked on the API.
import crypto from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const tag = crypto.randomBytes(3).toString('hex');
const twin = `swt-twin-${tag}`;
const gone = `swt-gone-${tag}`;
const project = uniqueProject('swt-envm');

interface Env {
  name: string;
  reachable: boolean;
  source: string;
  error: string | null;
}

test.beforeAll(async () => {
  await createTestContainer({ project, service: 'api', cmd: ['sleep', '3600'] });
});

test.afterAll(async () => {
  await removeProject(project);
});

async function addEnvironment(page: Page, name: string, url: string) {
  await page.getByPlaceholder('edge').fill(name);
  await page.getByPlaceholder('tcp://10.0.0.5:2376').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId(`env-${name}`)).toBeVisible();
}

test('adds an environment and opens it, shows an unreachable one with its reason, removes both', async ({ page }) => {
  await signIn(page);
  await page.goto('/environments');
  const envs = async () => (await (await page.request.get('/api/environments')).json()) as Env[];

  await addEnvironment(page, twin, 'unix:///var/run/docker.sock');
  await expect(page.getByTestId(`env-${twin}`).getByTestId('env-reachable')).toHaveText('reachable', { timeout: 15_000 });
  expect((await envs()).find((e) => e.name === twin)).toMatchObject({ reachable: true, source: 'settings' });
  // opening it shows that engine's containers, and the picker follows
  await page.getByTestId(`env-${twin}`).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('env-switcher')).toHaveValue(twin);
  await expect(page.locator(`[data-stack="${project}"]`)).toBeVisible();
  await page.getByRole('link', { name: 'Environments' }).click();

  await addEnvironment(page, gone, `unix:///tmp/slipway-no-engine-${tag}.sock`);
  const card = page.getByTestId(`env-${gone}`);
  await expect(card.getByTestId('env-reachable')).toHaveText('unreachable', { timeout: 15_000 });
  await expect(card).toContainText(`slipway-no-engine-${tag}.sock`);
  const down = (await envs()).find((e) => e.name === gone)!;
  expect(down.reachable).toBe(false);
  expect(down.error).toBeTruthy();
  // the other engines still answer
  expect((await envs()).find((e) => e.name === twin)?.reachable).toBe(true);
  expect((await page.request.get(`/api/stacks?env=${twin}`)).status()).toBe(200);
  await screenshot(page, 'environments-unreachable');

  // back to the default before removing the one this tab was viewing
  await page.getByTestId('env-switcher').selectOption({ index: 0 });
  await page.getByRole('link', { name: 'Environments' }).click();
  for (const name of [twin, gone]) {
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId(`env-${name}`).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByTestId(`env-${name}`)).toHaveCount(0);
    expect((await page.request.get(`/api/stacks?env=${name}`)).status()).toBe(404);
  }
  expect((await envs()).map((e) => e.name)).not.toContain(twin);
  expect((await envs()).map((e) => e.name)).not.toContain(gone);
});
