// Alerts page: an admin adds a destination and an alert rule in the browser; a service of the rule's
// project exits non-zero and the page's deliveries list shows the alert delivered; an unsafe regex is
// refused with the server's reason.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';

const project = uniqueProject('swt-alert-ui');
let receiver: http.Server;
let url: string;
const bodies: Record<string, unknown>[] = [];

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let b = '';
    req.on('data', (d) => (b += d));
    req.on('end', () => { bodies.push(JSON.parse(b || '{}')); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alert`;
});

test.afterAll(async () => {
  await removeProject(project);
  receiver.close();
});

test('an admin creates a rule and sees its delivery', async ({ page }) => {
  await signIn(page);
  await page.goto('/notifications');
  await page.getByLabel('Destination name').fill(`${project}-hook`);
  await page.getByLabel('Kind').selectOption('json');
  await page.getByLabel('Webhook URL').fill(url);
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('destination-row').filter({ hasText: `${project}-hook` })).toBeVisible();

  await page.goto('/alerts');
  const form = page.getByRole('form', { name: 'New alert rule' });
  // an unsafe pattern is refused with the reason
  await form.getByLabel('Rule name').fill('noisy');
  await form.getByLabel('Rule kind').selectOption('log_pattern');
  await form.getByLabel('Log pattern').fill('(a+)+$');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'nested quantifiers' })).toBeVisible();

  await form.getByLabel('Rule name').fill(`crash ${project}`);
  await form.getByLabel('Rule kind').selectOption('exit_nonzero');
  await form.getByLabel('Severity').selectOption('critical');
  await form.getByLabel('Scope project').fill(project);
  await form.getByLabel(`${project}-hook (json)`).check();
  await form.getByRole('button', { name: 'Add rule' }).click();
  const row = page.getByTestId('rule-row').filter({ hasText: `crash ${project}` });
  await expect(row).toContainText(project);
  await expect(row).toContainText('critical');

  await createTestContainer({ project, service: 'job', cmd: ['sh', '-c', 'exit 2'] });
  const delivery = page.getByTestId('alert-delivery').filter({ hasText: `crash ${project}: local/${project}/job` });
  await expect(delivery).toContainText('delivered', { timeout: 20_000 });
  await expect(delivery).toContainText(`${project}-hook (json)`);
  await expect(page.getByTestId('alert-row').filter({ hasText: `crash ${project}` })).toContainText('open');
  expect(bodies.some((b) => b.event === 'alert.firing' && String(b.title).includes(`local/${project}/job`))).toBe(true);
  await screenshot(page, 'alerts');

  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});
