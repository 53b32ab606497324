// The images page in Chromium: lists images with the containers using them, pulls a reference from a
// local registry with live progress, and shows what a prune would free before anything is removed.
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';
import { buildImage, push, removeImages, startRegistry, uid, type LocalRegistry } from '../api/updates-fixture';

let registry: LocalRegistry;
const id = uid();
let ref = '';

test.beforeAll(async () => {
  registry = await startRegistry();
  ref = `${registry.host}/swimgui-${id}/app:1`;
  await buildImage(ref, 'ui', { padBytes: 3_000_000 });
  await push(registry, ref);
  await removeImages([ref]);
});

test.afterAll(async () => {
  await removeImages([ref]);
  await registry?.stop();
});

test('images page lists, pulls with progress, previews a prune', async ({ page }) => {
  await signIn(page);
  await page.goto('/images');
  const busybox = page.getByTestId('image-row').filter({ hasText: 'slipway/busybox:1' });
  await expect(busybox).toBeVisible();
  await expect(busybox).toContainText(/MB|KB/);

  await page.getByLabel('Image reference').fill(ref);
  await page.getByRole('button', { name: 'Pull' }).click();
  const progress = page.getByTestId('pull-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(progress).toContainText(/layers · .* of .*MB/);
  const pulled = page.getByTestId('image-row').filter({ hasText: ref });
  await expect(pulled).toBeVisible();
  await expect(pulled).toContainText('unused');
  await screenshot(page, 'images-pulled');

  await page.getByTestId('prune-images').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-summary')).toContainText(/frees \d/);
  await expect(dialog.getByTestId('confirm-line').filter({ hasText: ref })).toBeVisible();
  await screenshot(page, 'images-prune-preview');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(pulled).toBeVisible(); // nothing removed without confirming
  // Escape closes a dialog too (issue 17.5), and removes nothing
  await page.getByTestId('prune-images').click();
  await expect(dialog.getByTestId('confirm-summary')).toContainText(/frees \d/);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(pulled).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'images-mobile');
});
