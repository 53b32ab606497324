// Issue 20 in the browser: the Slots page switches a stack laid out as the Togather guide (owner's
// nginx.conf bind-mounted as a single file, upstream block, X-Togather-Slot) blue→green→blue under
// load with no failed request, shows how each probe runs, and shows a rollback when nginx -t fails.
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createTogatherStack, servedTogatherSlot, startLoad, type TogatherStack } from '../support/togather-stack';
import { screenshot, signIn } from '../support/ui';

let stack: TogatherStack;
let original: string;

test.beforeAll(async () => {
  stack = await createTogatherStack();
  original = fs.readFileSync(stack.nginxConf, 'utf8');
});

test.afterAll(async () => {
  await stack?.remove();
});

async function switchTo(page: Page, card: Locator, to: 'blue' | 'green') {
  await card.getByTestId(`switch-to-${to}`).click();
  await page.getByRole('dialog').getByTestId('confirm-switch').click();
}

test('switches the Togather stack blue→green→blue from the Slots page under load, in place', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
  await expect(card.getByTestId('proxy-adopt')).toContainText('togather_backend');
  await expect(card.getByTestId('proxy-verification')).toContainText('X-Togather-Slot');
  await expect(card.getByTestId('proxy-verification')).toContainText('✓ agree');
  await expect(card.getByTestId('slot-green').getByTestId('probe-via-health')).toContainText('direct');
  await expect(card.getByTestId('slot-green').getByTestId('probe-via-byname')).toContainText('exec in this container');
  await expect(card.getByTestId('slot-green').getByTestId('probe-byname')).toHaveAttribute('title', new RegExp(`exec'd inside ${stack.names.green}`));
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'slots-togather-before');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'slots-togather-before-mobile');
  await page.setViewportSize({ width: 1440, height: 900 });

  const inode = fs.statSync(stack.nginxConf).ino;
  const load = startLoad(`http://127.0.0.1:${stack.ports.proxy}/`);
  try {
    await switchTo(page, card, 'green');
    await expect(card.getByTestId('switch-ok')).toContainText('blue → green');
    await expect(card.getByTestId('slot-green')).toHaveAttribute('data-active', 'true');
    expect(await servedTogatherSlot(stack)).toBe('green');
    await screenshot(page, 'slots-togather-green');
    await switchTo(page, card, 'blue');
    await expect(card.getByTestId('switch-ok')).toContainText('green → blue');
    await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
    expect(await servedTogatherSlot(stack)).toBe('blue');
  } finally {
    const c = await load.stop();
    console.log(`[togather ui] load during blue→green→blue: ${c.ok} ok, ${c.failed} failed, ${c.retried} retried on a fresh connection; by slot ${JSON.stringify(c.bySlot)}`);
    expect(c.failed, c.errors.slice(0, 5).join('; ')).toBe(0);
    expect(c.bySlot.green ?? 0).toBeGreaterThan(0);
  }
  expect(fs.statSync(stack.nginxConf).ino).toBe(inode);
  expect(fs.readFileSync(stack.nginxConf, 'utf8')).toBe(original);
});

test('shows the rollback when nginx -t rejects the configuration; traffic stays', async ({ page }) => {
  await signIn(page);
  await page.goto('/slots');
  const card = page.getByTestId(`group-${stack.group}`);
  await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
  const broken = original.replace('    access_log off;\n', '    access_log off;\n    not_a_directive on;\n');
  fs.writeFileSync(stack.nginxConf, broken);
  try {
    await switchTo(page, card, 'green');
    await expect(card.getByTestId('switch-error')).toContainText('nginx -t rejected');
    await expect(card.getByTestId('step-restore')).toHaveAttribute('data-status', 'ok');
    await expect(card.getByTestId('step-test')).toHaveAttribute('data-status', 'failed');
    await expect(card.getByTestId('slot-blue')).toHaveAttribute('data-active', 'true');
    expect(fs.readFileSync(stack.nginxConf, 'utf8')).toBe(broken);
    expect(await servedTogatherSlot(stack)).toBe('blue');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'slots-togather-nginx-t-rejected');
  } finally {
    fs.writeFileSync(stack.nginxConf, original);
  }
});
