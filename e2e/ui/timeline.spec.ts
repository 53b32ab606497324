// The timeline in Chromium (issue 18): a container that dies appears live as a marker on its service's
// lane; clicking the marker opens the event, and its logs link opens the logs page at ±30 s around it
// with the container's last line in it; on a 390 px phone nothing is wider than the screen.
import { expect, test, type Page } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swt-tl');
const LAST_WORDS = `ERROR giving up ${project}`;

test.afterAll(async () => {
  await removeProject(project);
});

interface Marker { id: number; x: number; y: number; kind: string; container: string | null }

const markers = (page: Page) =>
  page.getByTestId('timeline-canvas').evaluate((c) => ((c as HTMLCanvasElement & { timelineMarkers?: Marker[] }).timelineMarkers ?? []).map((m) => ({ ...m })));

async function nothingWiderThanViewport(page: Page) {
  const wide = await page.evaluate(() => {
    const w = window.innerWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 1 || r.width > w + 1)) out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').slice(0, 60)} ${Math.round(r.width)}px`);
    }
    return { out: out.slice(0, 10), scroll: document.documentElement.scrollWidth, w };
  });
  expect(wide.out).toEqual([]);
  expect(wide.scroll).toBeLessThanOrEqual(wide.w);
}

test('a container that dies shows a marker; clicking it leads to its logs around that moment', async ({ page }) => {
  await signIn(page);
  await page.goto(`/timeline?project=${project}`);
  await expect(page.getByTestId('event-count')).toContainText('events');

  // after the page is open: the marker arrives over event:new
  const c = await createTestContainer({ project, service: 'crash', cmd: ['sh', '-c', `echo "${LAST_WORDS}"; sleep 1; exit 3`] });
  await expect.poll(async () => (await markers(page)).filter((m) => m.kind === 'container.die' && m.container === c.name).length, { timeout: 20_000 }).toBe(1);
  const die = (await markers(page)).find((m) => m.kind === 'container.die')!;
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.click(box.x + die.x, box.y + die.y);

  const panel = page.getByTestId('event-panel');
  await expect(panel.getByTestId('event-kind')).toHaveText('container.die');
  await expect(panel).toContainText('exited with code 3');
  await expect(panel).toContainText('crash');
  await screenshot(page, 'timeline');

  await panel.getByTestId('event-logs-link').click();
  await expect(page).toHaveURL(/\/logs\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('container')).toBe(c.name);
  const since = Date.parse(url.searchParams.get('since')!);
  const until = Date.parse(url.searchParams.get('until')!);
  expect(until - since).toBe(60_000);
  expect(Math.abs((since + until) / 2 - Date.now())).toBeLessThan(120_000);
  await expect(page.getByTestId('logs-window')).toBeVisible();
  await expect(page.getByText(LAST_WORDS)).toBeVisible({ timeout: 15_000 });
});

test('the timeline fits a 390 px phone', async ({ page }) => {
  await signIn(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await createTestContainer({ project, service: 'phone', cmd: ['sh', '-c', 'exit 0'] });
  await page.goto(`/timeline?project=${project}`);
  await expect.poll(async () => (await markers(page)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const m = (await markers(page))[0];
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.click(box.x + m.x, box.y + m.y);
  await expect(page.getByTestId('event-panel')).toBeVisible();
  await nothingWiderThanViewport(page);
  await page.getByTestId('zoom-in').click();
  await nothingWiderThanViewport(page);
  await screenshot(page, 'timeline-mobile');
  await page.goto('/timeline');
  await nothingWiderThanViewport(page);
});
