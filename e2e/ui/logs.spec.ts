// The log page in a real browser against real containers: follow, scroll-up pause and resume,
// search with highlights and counts, filter mode, the URL round trip, downloads, the merged view.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swe-logs');
let id = '';

const script = [
  'seq 1 3000 | sed "s/^/seed line /"',
  'i=0',
  'while true; do i=$((i+1))',
  '  echo "live line $i"',
  '  if [ $((i % 3)) -eq 0 ]; then echo "{\\"level\\":\\"error\\",\\"msg\\":\\"boom $i\\",\\"attempt\\":$i}" >&2; fi',
  '  if [ $((i % 4)) -eq 0 ]; then printf "\\033[32mINFO\\033[0m request served in \\033[1m${i}ms\\033[0m\\n"; fi',
  '  if [ $((i % 7)) -eq 0 ]; then echo "WARN cache miss for key user:$i"; fi',
  '  sleep 0.2',
  'done',
].join('\n');

test.beforeAll(async () => {
  const [a] = await Promise.all([
    createTestContainer({ project, service: 'api', index: 1, cmd: ['sh', '-c', script] }),
    createTestContainer({ project, service: 'api', index: 2, cmd: ['sh', '-c', script] }),
  ]);
  id = a.id;
});

test.afterAll(async () => {
  await removeProject(project);
});

test('follows live, pauses on scroll up and resumes with one click', async ({ page }) => {
  await signIn(page);
  await page.goto(`/logs?container=${id}&tail=all`);
  const lines = page.getByTestId('log-line');
  await expect(lines.last()).toContainText(/live line \d+|boom|INFO|WARN/);
  await expect(page.getByTestId('line-count')).toHaveText(/^3,\d{3} lines/);
  // The DOM holds only what is on screen.
  expect(await lines.count()).toBeLessThan(150);
  const lastLive = async () => Number(/live line (\d+)/.exec((await page.getByTestId('log-viewport').innerText()).split('\n').reverse().find((l) => /live line/.test(l)) ?? '')?.[1] ?? 0);
  const before = await lastLive();
  await expect.poll(lastLive).toBeGreaterThan(before + 1);

  await page.getByTestId('log-viewport').hover();
  await page.mouse.wheel(0, -3000);
  await expect(page.getByTestId('toggle-follow')).toHaveText(/Paused/);
  const resume = page.getByTestId('resume-follow');
  await expect(resume).toContainText(/new/);
  await screenshot(page, 'logs-paused');
  await resume.click();
  await expect(page.getByTestId('toggle-follow')).toHaveText(/Following/);
  await expect(resume).toBeHidden();
});

test('search highlights and counts, jumps, filters, and survives the URL round trip', async ({ page }) => {
  await signIn(page);
  await page.goto(`/logs?container=${id}&tail=all`);
  await expect(page.getByTestId('line-count')).toHaveText(/^3,\d{3} lines/);
  await page.getByLabel('Search logs').fill('boom');
  await expect(page.getByTestId('match-count')).toHaveText(/^0 \/ \d+ matches/);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByTestId('match-count')).toHaveText(/^1 \/ \d+ matches/);
  await expect(page.locator('mark').first()).toHaveText('boom');

  await page.getByTestId('toggle-filter').click();
  const lines = page.getByTestId('log-line');
  await expect(lines.first()).toBeVisible();
  for (const text of await lines.allInnerTexts()) expect(text).toContain('boom');
  await page.getByTestId('toggle-wrap').click();
  await expect(page).toHaveURL(/q=boom/);
  await expect(page).toHaveURL(/filter=1/);
  await expect(page).toHaveURL(/wrap=1/);

  // Download what is shown: only the matching lines.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-shown').click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.trim().split('\n').length).toBeGreaterThan(0);
  for (const l of text.trim().split('\n')) expect(l).toContain('boom');

  // Regex search with a match count.
  await page.getByTestId('toggle-filter').click();
  await page.getByTestId('toggle-regex').click();
  await page.getByLabel('Search logs').fill('seed line 1\\d{3}$');
  await expect(page.getByTestId('match-count')).toHaveText(/^0 \/ 1,000 matches/);

  // The link reproduces the view.
  await page.getByLabel('Search logs').fill('boom');
  await page.getByTestId('toggle-regex').click();
  await page.getByTestId('toggle-filter').click();
  await expect(page).toHaveURL(/filter=1/);
  const url = page.url();
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.getByLabel('Search logs')).toHaveValue('boom');
  await expect(again.getByTestId('toggle-filter')).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByTestId('toggle-wrap')).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByTestId('log-line').first()).toContainText('boom');
  await again.close();
});

test('merged service view marks each line with its replica; JSON folds open; time range download', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.locator(`[data-stack="${project}"]`).getByTestId('service-logs').click();
  await expect(page).toHaveURL(new RegExp(`project=${project}&service=api`));
  await expect(page.getByTestId('log-line').last()).toBeVisible();
  await expect(page.getByTestId('log-viewport')).toContainText('api-1');
  await expect(page.getByTestId('log-viewport')).toContainText('api-2');
  const json = page.getByRole('button', { name: 'Unfold JSON' }).last();
  await json.click();
  await expect(page.getByTestId('log-viewport')).toContainText('"level": "error"');
  await page.getByTestId('toggle-follow').click();
  await screenshot(page, 'logs');

  const now = new Date();
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await page.getByLabel('Range start').fill(local(new Date(now.getTime() - 10 * 60_000)));
  await page.getByLabel('Range end').fill(local(new Date(now.getTime() + 60_000)));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-range').click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text).toContain(`${project}-api-1 seed line 1\n`);
  expect(text).toContain(`${project}-api-2 seed line 1\n`);
});

test('a whole stack merged: tags name service and replica, one colour per service; stderr notices and a clean exit are not errors (issue 17.4)', async ({ page }) => {
  const stack = uniqueProject('swe-logstack');
  try {
    // a few lines each, then quiet: the whole view fits on one screen
    const notice = 'for i in 1 2 3 4; do echo "request $i served"; echo "[notice] worker $i reopened its log" >&2; done; exec sleep 3600';
    await Promise.all([
      createTestContainer({ project: stack, service: 'web', index: 1, cmd: ['sh', '-c', notice] }),
      createTestContainer({ project: stack, service: 'web', index: 2, cmd: ['sh', '-c', notice] }),
      createTestContainer({ project: stack, service: 'job', index: 1, cmd: ['sh', '-c', 'echo "job: migrated"; exit 0'] }),
    ]);
    await signIn(page);
    await page.goto('/logs');
    await page.locator('[data-testid="logs-stack"]', { hasText: stack }).getByTestId('logs-whole-stack').click();
    await expect(page).toHaveURL(new RegExp(`/logs\\?project=${stack}$`));
    const viewport = page.getByTestId('log-viewport');
    await expect(viewport).toContainText('job: migrated');
    await expect(viewport).toContainText('request');
    const tags = page.getByTestId('line-tag');
    // the tag tells containers apart without the shared stack prefix
    const seen = new Set(await tags.allTextContents());
    expect([...seen].sort()).toEqual(expect.arrayContaining(['job-1', 'web-1', 'web-2']));
    expect([...seen].some((t) => t.includes(stack))).toBe(false);
    const colour = async (t: string) => (await tags.filter({ hasText: new RegExp(`^${t}$`) }).first().getAttribute('class'))?.match(/text-\w+-300/)?.[0];
    expect(await colour('web-1')).toBe(await colour('web-2'));
    expect(await colour('web-1')).not.toBe(await colour('job-1'));
    // an nginx-style notice on stderr: marked as stderr, not painted as an error
    const noticeLine = page.getByTestId('log-line').filter({ hasText: '[notice]' }).first();
    await expect(noticeLine).toHaveAttribute('data-stream', 'stderr');
    expect(await noticeLine.getAttribute('class')).not.toMatch(/rose/);
    // the job stopped with exit code 0: its end is not a red banner
    const end = page.getByTestId('status-row').filter({ hasText: 'exit code 0' });
    await expect(end).toHaveAttribute('data-clean', 'true');
    expect(await end.getAttribute('class')).not.toMatch(/rose/);
    await screenshot(page, 'logs-whole-stack');
  } finally {
    await removeProject(stack);
  }
});
