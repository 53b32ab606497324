// Notifications page: add a webhook destination, press "Send test", see the delivery recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';

let receiver: http.Server;
let url: string;
const bodies: string[] = [];

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let b = '';
    req.on('data', (d) => (b += d));
    req.on('end', () => { bodies.push(b); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

test.afterAll(() => receiver.close());

test('adds a destination and sends a test notification', async ({ page }) => {
  await signIn(page);
  await page.goto('/notifications');
  await page.getByLabel('Destination name').fill('ops-chat');
  await page.getByLabel('Kind').selectOption('slack');
  await page.getByLabel('Webhook URL').fill(url);
  await page.getByRole('button', { name: 'Add' }).click();
  const row = page.getByTestId('destination-row').filter({ hasText: 'ops-chat' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Send test' }).click();
  // the receiver's own record first: the deliveries list also holds other specs' deliveries
  await expect.poll(() => bodies.length).toBeGreaterThan(0);
  expect(JSON.parse(bodies.at(-1)!).text).toContain('Slipway test notification');
  await expect(page.getByTestId('deliveries')).toContainText('delivered');
  await screenshot(page, 'notifications');
});
