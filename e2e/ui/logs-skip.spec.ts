// A log view that falls behind: while the browser's link is throttled to a crawl a container
// floods its log; the server drops what the browser cannot take and the page shows a skip marker, whose
// "Load them" fetches exactly the missing lines, so the view ends with every line once.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { waitFor } from '../support/http';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swt-logskip');
const TOTAL = 150_000;
let id = '';
let name = '';

test.beforeAll(async () => {
  // waits for a flag file, floods, then says so and idles
  const script = `while [ ! -f /tmp/go ]; do sleep 0.1; done; awk 'BEGIN { for (i = 1; i <= ${TOTAL}; i++) printf "flood %d padding-padding-padding-padding\\n", i }'; echo flood-done; exec sleep 3600`;
  const c = await createTestContainer({ project, service: 'flood', cmd: ['sh', '-c', script] });
  id = c.id;
  name = c.name;
});

test.afterAll(async () => {
  await removeProject(project);
});

test('a throttled tab gets a skip marker, and "Load them" fills the gap', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto(`/logs?container=${id}&tail=all&buffer=200000`);
  await expect(page.getByTestId('line-count')).toHaveText(/^0 lines/);
  const cdp = await page.context().newCDPSession(page);
  // a slow link: Chromium throttles the WebSocket too, so the server's sends back up
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 20_000, uploadThroughput: 20_000 });
  try {
    execFileSync('docker', ['exec', name, 'touch', '/tmp/go']);
    await waitFor(async () => execFileSync('docker', ['logs', '--tail', '1', name], { encoding: 'utf8' }).includes('flood-done'), 'the flood to end', 60_000, 250);
  } finally {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await expect(page.getByText('flood-done')).toBeVisible({ timeout: 30_000 });
  // filter on the last line: the view keeps only it and the skip markers (wherever they are in the buffer)
  await page.getByLabel('Search logs').fill('flood-done');
  await page.getByTestId('toggle-filter').click();
  const markers = page.getByTestId('skip-row');
  await expect(markers.first()).toContainText('lines skipped while this view fell behind', { timeout: 30_000 });
  await expect(page.getByTestId('match-count')).toHaveText(/ 1 matches?/);
  await screenshot(page, 'logs-skip-marker');
  for (let n = await markers.count(); n > 0; n--) {
    await markers.first().getByRole('button', { name: 'Load them' }).click();
    await expect(markers).toHaveCount(n - 1, { timeout: 30_000 });
  }
  await page.getByTestId('toggle-filter').click();
  // every flooded line once, plus the closing one
  await expect(page.getByTestId('line-count')).toHaveText(new RegExp(`^${(TOTAL + 1).toLocaleString('en-US')} lines`), { timeout: 30_000 });
});
