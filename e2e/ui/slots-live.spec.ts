// The slots page for a proxy that switches live (flag file, no reload): the mode is shown, the
// confirmation names the flag, and the steps have no reload.
import { expect, test } from '@playwright/test';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';
import { screenshot, signIn } from '../support/ui';

let stack: SlotStack;

test.beforeAll(async () => {
  stack = await createSlotStack({ switchMode: 'live' });
});

test.afterAll(async () => {
  await stack?.remove();
});

test('shows live mode and switches without a reload', async ({ page }) => {
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('proxy-mode')).toHaveText('switch: live (flag → blue)');
  await expect(card.getByTestId('proxy-verification')).toContainText('✓ agree');

  await card.getByTestId('switch-to-green').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`create the flag /etc/nginx/slipway/${stack.group}.green`);
  await expect(dialog).toContainText('no reload');
  await screenshot(page, 'slots-live-confirm');
  await dialog.getByTestId('confirm-switch').click();

  for (const step of ['gate', 'write', 'test', 'flag', 'verify']) await expect(card.getByTestId(`step-${step}`)).toHaveAttribute('data-status', 'ok');
  await expect(card.getByTestId('step-reload')).toHaveCount(0);
  await expect(card.getByTestId('switch-ok')).toContainText('blue → green');
  await expect(card.getByTestId('slot-green')).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('proxy-mode')).toHaveText('switch: live (flag → green)');
  expect(await servedSlot(stack)).toBe('green');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'slots-live-switched');
});
