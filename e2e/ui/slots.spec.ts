// The slots page in a real browser against a real nginx proxy and real slot containers.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';
import { screenshot, signIn } from '../support/ui';

let stack: SlotStack;

test.beforeAll(async () => {
  stack = await createSlotStack();
});

test.afterAll(async () => {
  await stack?.remove();
});

test('switches with confirmation and live steps, then rolls back from the history', async ({ page }) => {
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('proxy-verification')).toContainText('✓ agree');
  await expect(card.getByTestId('slot-green').getByTestId('probe-health')).toContainText('✓');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'slots-before');

  await card.getByTestId('switch-to-green').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Switch group ${stack.group} to green?`);
  await expect(dialog).toContainText('nginx -t');
  await screenshot(page, 'slots-confirm');
  await dialog.getByTestId('confirm-switch').click();

  // every step reported live, then the active slot moves
  for (const step of ['gate', 'write', 'test', 'reload', 'verify']) await expect(card.getByTestId(`step-${step}`)).toHaveAttribute('data-status', 'ok');
  await expect(card.getByTestId('switch-ok')).toContainText('blue → green');
  await expect(card.getByTestId('slot-green')).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'false');
  expect(await servedSlot(stack)).toBe('green');
  await screenshot(page, 'slots-switched');

  // one-click rollback from the history (with the same confirmation)
  await card.getByTestId('rollback').click();
  await expect(page.getByRole('dialog')).toContainText('Roll back group');
  await page.getByRole('dialog').getByTestId('confirm-switch').click();
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('history-row').first()).toContainText('green → blue');
  // a fresh connection right after the page says blue may still reach a worker of the previous config for a
  // moment (nginx reload); the zero-failure guarantees under load are proven by the slots integration tests
  await expect.poll(() => servedSlot(stack), { timeout: 5_000 }).toBe('blue');
  await screenshot(page, 'slots-rolled-back');
});

test('shows a refused switch to an unhealthy slot and keeps traffic', async ({ page }) => {
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
  const { docker } = await import('../support/containers');
  const exec = await docker.getContainer(stack.names.green).exec({ Cmd: ['touch', '/tmp/unhealthy'] });
  await exec.start({});
  try {
    await card.getByTestId('switch-to-green').click();
    await page.getByRole('dialog').getByTestId('confirm-switch').click();
    await expect(card.getByTestId('switch-error')).toContainText('probe');
    await expect(card.getByTestId('step-gate')).toHaveAttribute('data-status', 'failed');
    await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
    // a fresh connection right after the page says blue may still reach a worker of the previous config for a
  // moment (nginx reload); the zero-failure guarantees under load are proven by the slots integration tests
  await expect.poll(() => servedSlot(stack), { timeout: 5_000 }).toBe('blue');
    await screenshot(page, 'slots-refused');
  } finally {
    const undo = await docker.getContainer(stack.names.green).exec({ Cmd: ['rm', '-f', '/tmp/unhealthy'] });
    await undo.start({});
  }
});

/** Opens the Slots page with blue serving and submits a deploy of `image` to the idle green slot. */
async function deployToGreen(page: Page, image: string) {
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
  await card.getByTestId('deploy-to-green').click();
  const form = card.getByTestId('deploy-form');
  await form.getByLabel('Image for the green slot').fill(image);
  await form.getByTestId('deploy-submit').click();
  return { card, form };
}

test('a failed deploy says why, leaves the idle slot stopped and traffic on the active one', async ({ page }) => {
  // an image without the slot's program: the new container cannot run it
  const image = `slipway-test/slot-broken:ui-${stack.group}`;
  execFileSync('docker', ['tag', 'slipway/busybox:1', image]);
  try {
    const { card, form } = await deployToGreen(page, image);
    await expect(form.getByRole('alert')).toContainText(/slipway-app|exited|not found/, { timeout: 30_000 });
    await expect(form.getByTestId('deploy-ok')).toHaveCount(0);
    await screenshot(page, 'slots-deploy-failed');
    const green = JSON.parse(execFileSync('docker', ['inspect', stack.names.green], { encoding: 'utf8' }))[0];
    expect(green.Config.Image).toBe(image);
    expect(green.State.Running).toBe(false);
    await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
    // a fresh connection right after the page says blue may still reach a worker of the previous config for a
  // moment (nginx reload); the zero-failure guarantees under load are proven by the slots integration tests
  await expect.poll(() => servedSlot(stack), { timeout: 5_000 }).toBe('blue');
  } finally {
    execFileSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
  }
});

test('deploys a local image to the idle slot with live progress, traffic untouched', async ({ page }) => {
  const image = `slipway-test/slot-app:ui-${stack.group}`;
  execFileSync('docker', ['tag', 'slipway/nginx:1', image]);
  try {
    const { card, form } = await deployToGreen(page, image);
    await expect(card.getByTestId('step-health')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(form).toContainText('traffic untouched');
    await expect(card.getByTestId('slot-green').getByTestId('slot-image')).toHaveText(image);
    await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
    await expect(card.getByTestId('slot-green').getByTestId('health')).toHaveText('healthy');
    // a fresh connection right after the page says blue may still reach a worker of the previous config for a
  // moment (nginx reload); the zero-failure guarantees under load are proven by the slots integration tests
  await expect.poll(() => servedSlot(stack), { timeout: 5_000 }).toBe('blue');
    await screenshot(page, 'slots-deployed');
  } finally {
    await stack.remove();
    execFileSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
  }
});
