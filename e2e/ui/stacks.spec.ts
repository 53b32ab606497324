// Stacks in the browser (issue 13): create a stack, deploy it with live output, an invalid edit refused
// at its line, a valid edit with its diff, drift applied in one click, scale, restart, down confirmed by
// typing the name.
import crypto from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { docker, removeProject } from '../support/containers';
import { ADMIN_PASSWORD } from '../support/slipway-server';
import { screenshot, signIn } from '../support/ui';

const name = `swt-ui-${crypto.randomBytes(3).toString('hex')}`;
const svc = (n: string, extra = '') => `  ${n}:\n    image: slipway/busybox:1\n    command: ["sleep", "3600"]\n    network_mode: host\n    stop_signal: SIGKILL\n${extra}`;
const COMPOSE = `services:\n${svc('web', '    environment:\n      GREETING: hello\n')}${svc('worker')}`;

async function setEditor(page: Page, testId: string, text: string) {
  const content = page.getByTestId(testId).locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const terminalText = (page: Page) => page.getByTestId('operation-output').locator('.xterm-rows');

async function expectOperation(page: Page, status: 'succeeded' | 'failed' = 'succeeded') {
  await expect(page.getByTestId('operation-status')).toHaveText(status, { timeout: 45_000 });
  if (status === 'succeeded') await expect(page.getByTestId('operation-exit')).toHaveText('exit code 0');
}

test.afterAll(async ({ request, baseURL }) => {
  await removeProject(name);
  await request.post('/api/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  await request.delete(`/api/stacks/${name}`, { data: { confirm: name }, headers: { origin: baseURL! } });
});

test('create, deploy, edit, drift, scale, restart and down a stack in the browser', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto('/stacks');
  await expect(page.getByTestId('compose-cli')).toContainText(/compose/);
  await page.getByRole('button', { name: 'New stack' }).click();
  await page.getByLabel('Stack name').fill(name);
  await setEditor(page, 'new-compose-editor', COMPOSE);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/stacks/${name}$`));
  await expect(page.getByTestId('stack-state')).toHaveText('not deployed');

  // deploy: the output streams into the terminal panel, with elapsed time and the exit code
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(terminalText(page)).toContainText(/Creating|Created/, { timeout: 45_000 });
  await expect(page.getByTestId('operation-elapsed')).toHaveText(/\d+\.\d s/);
  await expectOperation(page);
  await expect(page.getByTestId('stack-state')).toHaveText('running', { timeout: 15_000 });
  await screenshot(page, 'stacks-deployed');

  // an invalid edit is refused with its line, nothing written
  const invalid = COMPOSE.replace('    network_mode: host\n', '    ports: "oops"\n    network_mode: host\n');
  await setEditor(page, 'compose-editor', invalid);
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('diff-review')).toContainText('+     ports: "oops"');
  await page.getByRole('button', { name: 'Validate and save' }).click();
  await expect(page.getByTestId('save-error')).toContainText('line 5');
  await expect(page.getByTestId('compose-editor').locator('.cm-lintRange-error')).toHaveCount(1);
  const onDisk = await (await page.request.get(`/api/stacks/${name}/files`)).json();
  expect(onDisk.compose).toBe(COMPOSE);
  await screenshot(page, 'stacks-invalid-edit');

  // a valid edit: diff, save, then drift says env and one click applies it
  await setEditor(page, 'compose-editor', COMPOSE.replace('GREETING: hello', 'GREETING: bonjour'));
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('diff-review')).toContainText('-       GREETING: hello');
  await expect(page.getByTestId('diff-review')).toContainText('+       GREETING: bonjour');
  await page.getByRole('button', { name: 'Validate and save' }).click();
  await expect(page.getByTestId('save-notice')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('drift-web')).toContainText('out of date: env', { timeout: 20_000 });
  await expect(page.getByTestId('drift-worker')).toHaveText('in sync');
  await page.getByTestId('drift-web').getByRole('button', { name: 'Apply' }).click();
  await expectOperation(page);
  await expect(page.getByTestId('drift-web')).toHaveText('in sync', { timeout: 20_000 });

  // scale worker to 2
  await page.getByLabel('Replicas of worker').fill('2');
  await page.getByTestId('service-worker').getByRole('button', { name: 'Scale' }).click();
  await expectOperation(page);
  await expect(page.getByTestId('service-worker').locator('td').nth(2)).toHaveText('2', { timeout: 15_000 });
  const workers = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=worker'] } });
  expect(workers).toHaveLength(2);

  // restart
  await page.getByTestId('stack-actions').getByRole('button', { name: 'Restart', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(terminalText(page)).toContainText('Restarting', { timeout: 45_000 });
  await expectOperation(page);
  await expect(page.getByTestId('operation-history')).toContainText('restart');

  // down, confirmed by typing the name
  await page.getByRole('button', { name: 'Down…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bring the stack down' });
  await expect(dialog.getByRole('button', { name: 'Down', exact: true })).toBeDisabled();
  await dialog.getByLabel('Stack name to confirm').fill(name);
  await dialog.getByRole('button', { name: 'Down', exact: true }).click();
  await expectOperation(page);
  await expect(page.getByTestId('stack-state')).toHaveText('not deployed', { timeout: 15_000 });
  expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } })).toHaveLength(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'stacks-page-mobile');
  await page.goto('/stacks');
  await expect(page.getByTestId(`stack-row-${name}`)).toContainText('not deployed');
  await screenshot(page, 'stacks-list-mobile');
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'stacks-list');
});
