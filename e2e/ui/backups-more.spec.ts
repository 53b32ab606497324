// The backup flows beside PostgreSQL (backups.spec.ts), in Chromium against real containers: an SQLite app
// with a schedule and `retain 1` (two runs from the page leave one backup), a restore over the same target,
// a volume backed up from the picker and deleted, and a failed backup with its reason.
import { expect, test, type Page } from '@playwright/test';
import { BUSYBOX, SQLITE_IMAGE, busybox, createContainer, removeAll, sh, uid } from '../api/backups-fixtures';
import { waitFor } from '../support/http';
import { screenshot, signIn } from '../support/ui';

const id = uid();
const app = `swt-bkm-sqlite-${id}`;
const broken = `swt-bkm-broken-${id}`;
const appVol = `swt-bkm-appdata-${id}`;
const vol = `swt-bkm-vol-${id}`;
const sqlite = (sql: string) => sh('docker', ['exec', app, 'sqlite3', '/data/app.db', sql]).trim();

test.beforeAll(async () => {
  await Promise.all([
    createContainer({
      name: app, image: SQLITE_IMAGE, binds: [`${appVol}:/data`],
      labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/app.db', 'slipway.backup.schedule': '30 4 * * *', 'slipway.backup.retain': '1' },
      cmd: ['sh', '-c', 'sqlite3 /data/app.db "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)" && exec sleep 3600'],
    }),
    // the labelled path is a folder: no database file to copy, so its backup fails
    createContainer({ name: broken, image: BUSYBOX, labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/db.sqlite' }, cmd: ['sh', '-c', 'mkdir -p /data/db.sqlite && exec sleep 3600'] }),
  ]);
  await waitFor(async () => sqlite('SELECT count(*) FROM notes') === '0', 'sqlite app ready', 30_000, 250);
  sqlite("WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 50) INSERT INTO notes (body) SELECT 'note ' || x FROM s");
  busybox([`${vol}:/data`], 'echo kept > /data/proof.txt');
});

test.afterAll(async () => {
  await removeAll([app, broken], [appVol, vol]);
});

const targetRow = (page: Page, target: string) => page.locator(`[data-testid="backup-target"][data-target="${target}"]`);
const catalogRows = (page: Page, target: string) => page.locator(`[data-testid="backup-row"][data-target="${target}"]`);

/** Clicks "Back up now" and returns the new catalog row's id and status once it is no longer running. */
async function backUpNow(page: Page, target: string, before: Set<string>) {
  await targetRow(page, target).getByRole('button', { name: 'Back up now' }).click();
  let id: string | null = null;
  await expect
    .poll(async () => {
      const ids = await catalogRows(page, target).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      id = ids.find((x) => x && !before.has(x)) ?? null;
      return id;
    }, { message: `a new backup row of ${target}` })
    .not.toBeNull();
  const row = page.locator(`[data-testid="backup-row"][data-id="${id}"]`);
  await expect(row).not.toHaveAttribute('data-status', /running|succeeded/, { timeout: 30_000 });
  return { id: id!, status: await row.getAttribute('data-status') };
}

test('SQLite: schedule and retention shown, two runs keep one backup, restore over the same target', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto('/backups');
  const row = targetRow(page, app);
  await expect(row).toContainText('30 4 * * *');
  await expect(row).toContainText('keep 1');
  await expect(row).toContainText('next');
  await expect(row).toContainText('never');

  const first = await backUpNow(page, app, new Set());
  expect(first.status).toBe('verified');
  await expect(row.getByTestId('backup-status').last()).toHaveText('verified');
  const second = await backUpNow(page, app, new Set([first.id]));
  expect(second.status).toBe('verified');
  // retention (keep 1): the older verified backup is gone from the catalog and from the API
  await expect(catalogRows(page, app)).toHaveCount(1);
  await expect(catalogRows(page, app).first()).toHaveAttribute('data-id', second.id);
  expect((await page.request.get(`/api/backups/${first.id}`)).status()).toBe(404);
  await screenshot(page, 'backups-sqlite-retention');

  // data lost after the backup comes back with a restore over the same target
  sqlite('DELETE FROM notes WHERE id > 5');
  expect(sqlite('SELECT count(*) FROM notes')).toBe('5');
  await catalogRows(page, app).first().getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio').nth(1).check();
  const restore = dialog.getByRole('button', { name: 'Restore' });
  await expect(restore).toBeDisabled(); // until the name is typed
  await dialog.getByLabel('Confirm name').fill(app);
  await restore.click();
  await expect(dialog.getByTestId('restore-done')).toContainText(`Restored into`, { timeout: 30_000 });
  await screenshot(page, 'backups-sqlite-restored');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await waitFor(async () => sh('docker', ['inspect', '-f', '{{.State.Status}}', app]).trim() === 'running', 'the app running again after the restore');
  expect(sqlite('SELECT count(*) FROM notes')).toBe('50');
});

test('a volume backed up from the picker, then deleted from the catalog', async ({ page }) => {
  await signIn(page);
  await page.goto('/backups');
  await page.getByLabel('Volume to back up').selectOption(vol);
  await page.getByRole('button', { name: 'Back up volume' }).click();
  const row = catalogRows(page, `volume:${vol}`).first();
  await expect(row).toHaveAttribute('data-status', 'verified', { timeout: 30_000 });
  const backupId = await row.getAttribute('data-id');
  const api = await page.request.get(`/api/backups/${backupId}`);
  expect(await api.json()).toMatchObject({ target: `volume:${vol}`, kind: 'volume', status: 'verified' });

  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(catalogRows(page, `volume:${vol}`)).toHaveCount(0);
  expect((await page.request.get(`/api/backups/${backupId}`)).status()).toBe(404);
  expect((await page.request.get(`/api/backups/${backupId}/download`)).status()).toBe(404);
});

test('a failed backup shows its reason in the catalog and as the target’s last result', async ({ page }) => {
  await signIn(page);
  await page.goto('/backups');
  const result = await backUpNow(page, broken, new Set());
  expect(result.status).toBe('failed');
  const row = catalogRows(page, broken).first();
  await expect(row.getByTestId('backup-error')).toContainText('not a database file');
  await expect(row.getByRole('link', { name: 'Download' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Restore…' })).toHaveCount(0);
  await expect(targetRow(page, broken).getByTestId('backup-status').first()).toHaveText('failed');
  const api = await page.request.get(`/api/backups/${result.id}`);
  expect(await api.json()).toMatchObject({ status: 'failed', fileName: null });
  await screenshot(page, 'backups-failed');
});
