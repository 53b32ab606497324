// The backups page in Chromium: back up a real PostgreSQL from the page and watch the progress bar
// reach verified, download the file (sha256 as listed), restore into a new database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';
import { psql, removeAll, startPostgres, uid } from '../api/backups-fixtures';

const id = uid();
const pg = `swt-bkui-pg-${id}`;
const restored = `appdb_restored_${id}`;

test.beforeAll(async () => {
  await startPostgres(pg, { 'slipway.backup.schedule': '0 3 * * *', 'slipway.backup.retain': '7' });
  // ~25 MB of table data, so the dump takes long enough to watch its progress.
  psql(pg, 'appdb', "CREATE TABLE items (id serial PRIMARY KEY, name text, body text); INSERT INTO items (name, body) SELECT 'item ' || g, md5(g::text) || md5((g * 7)::text) || md5(random()::text) FROM generate_series(1, 200000) g");
});

test.afterAll(async () => {
  await removeAll([pg], []);
});

test('back up from the page, watch progress to verified, download, restore into a new database', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/backups');
  await expect(page.getByRole('link', { name: 'Backups' })).toBeVisible();
  const row = page.locator(`[data-testid="backup-target"][data-target="${pg}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('0 3 * * *');
  await expect(row).toContainText('never');

  await row.getByRole('button', { name: 'Back up now' }).click();
  const bar = row.getByTestId('backup-progress');
  await expect(bar).toBeVisible();
  await screenshot(page, 'backups-progress');
  await expect(row.getByTestId('backup-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(row.getByTestId('backup-status').last()).toHaveText('verified');
  const catalogRow = page.locator(`[data-testid="backup-row"][data-target="${pg}"]`).first();
  await expect(catalogRow).toHaveAttribute('data-status', 'verified');
  await expect(catalogRow).toContainText('restored into a scratch database: 1 tables, 200000 rows');
  await screenshot(page, 'backups-verified');
  // issue 18.5: "Prove now" restore-tests it again, and the row says when it was last proven restorable
  await expect(row.getByTestId('proven')).toHaveText('not proven restorable yet');
  await row.getByRole('button', { name: 'Prove now' }).click();
  await expect(row.getByTestId('proven')).toContainText('last proven restorable:', { timeout: 60_000 });

  const sha = await catalogRow.getByTestId('backup-sha').getAttribute('title');
  const [download] = await Promise.all([page.waitForEvent('download'), catalogRow.getByRole('link', { name: 'Download' }).click()]);
  const file = await download.path();
  expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(sha);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d+-${pg}-.*\\.dump$`));

  await catalogRow.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Restore backup #`);
  await dialog.getByLabel('New database name').fill(restored);
  await screenshot(page, 'backups-restore-dialog');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByTestId('restore-done')).toContainText(`Restored into ${restored}: 1 tables, 200000 rows`, { timeout: 60_000 });
  await screenshot(page, 'backups-restored');
  expect(psql(pg, restored, 'SELECT count(*) FROM items')).toBe('200000');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // the filters narrow the catalog
  await page.getByLabel('Filter by status').selectOption('failed');
  await expect(page.locator(`[data-testid="backup-row"][data-target="${pg}"]`)).toHaveCount(0);
  await page.getByLabel('Filter by status').selectOption('');
  await page.getByLabel('Filter by target').selectOption(pg);
  await expect(page.locator('[data-testid="backup-row"]')).toHaveCount(1);
});
