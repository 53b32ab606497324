// The audit page (issue 17.8): filters narrow the list, older entries load on demand, details read as
// key/value lines, and the export downloads what the filters show.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/ui';

const uid = `audui${Date.now().toString(36)}`;

test('filters, pages, reads details and exports the audit log', async ({ page }) => {
  await signIn(page);
  // 105 entries of our own (more than one page of 100), made by real token creations
  const origin = new URL(test.info().project.use.baseURL!).origin; // a cookie-authenticated write needs its Origin
  for (let i = 0; i < 105; i++) {
    const r = await page.request.post('/api/tokens', { data: { name: `${uid}-${String(i).padStart(3, '0')}`, role: 'viewer' }, headers: { origin } });
    expect(r.ok(), await r.text()).toBe(true);
  }
  await page.goto('/audit');
  await page.getByLabel('Target').fill(uid);
  // the filter applies after a pause in typing (the export link then carries it); until its rows are in, the
  // table says it is busy and "load older" waits
  await expect(page.getByTestId('audit-export-csv')).toHaveAttribute('href', new RegExp(`target=${uid}`));
  await expect(page.getByTestId('audit-table')).toHaveAttribute('aria-busy', 'false');
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText(`${uid}-104`);
  // details as key/value lines, not cut JSON
  await expect(rows.first().getByTestId('audit-detail')).toContainText('role');
  await expect(rows.first().getByTestId('audit-detail')).toContainText('viewer');
  await page.getByTestId('audit-more').click();
  await expect(rows).toHaveCount(105);
  await expect(rows.last()).toContainText(`${uid}-000`);
  await expect(page.getByTestId('audit-more')).toHaveCount(0);

  // search narrows further; a result filter with no match says so
  await page.getByLabel('Search').fill(`${uid}-10`);
  await expect(rows).toHaveCount(5); // -100 … -104
  await page.getByLabel('Result').selectOption('failed');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
  await page.getByLabel('Result').selectOption('');
  await expect(rows).toHaveCount(5);
  await screenshot(page, 'audit-filtered');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('id,at,username,action,target,result,detail');
  expect(csv.length).toBe(6);
  expect(csv.slice(1).every((l) => l.includes(`,token.create,${uid}-10`))).toBe(true);
});
