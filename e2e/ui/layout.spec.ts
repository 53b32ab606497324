// Every page at a phone's 390×844 and a desktop's 1440×900 (issue 17.1): nothing sticks out sideways
// (the page never scrolls horizontally; an element wider than the screen must sit inside a box that
// scrolls it, like a wide table in its card), and on the phone the sidebar is a menu that opens.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../support/ui';

// the dashboard's pages, as the menu lists them (written here, not read from the app)
const PAGES = [
  '/', '/stacks', '/logs', '/timeline', '/health', '/slots', '/backups', '/images', '/updates', '/volumes', '/networks',
  '/environments', '/swarm', '/audit', '/alerts', '/users', '/notifications', '/account', '/stats',
];

/** Elements wider than the viewport or past its right edge, unless an ancestor scrolls or clips them. */
async function sticksOut(page: Page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const contained = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 1 || r.width > w + 1) && !contained(el)) out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').slice(0, 50)} ${Math.round(r.width)}px`);
    }
    return { out: out.slice(0, 5), scrollWidth: document.documentElement.scrollWidth, w };
  });
}

for (const size of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1440, height: 900 }]) {
  test(`every page fits a ${size.name} (${size.width}×${size.height})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page);
    for (const path of PAGES) {
      await page.goto(path, { waitUntil: 'networkidle' }); // the page's data in, so tables are at full width
      await expect(page.locator('h1').first()).toBeVisible();
      const r = await sticksOut(page);
      expect(r.scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(r.w);
      expect(r.out, `${path} has elements past the screen's edge`).toEqual([]);
    }
  });
}

test('on a phone the sidebar is a menu that opens and leads to a page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.goto('/');
  const timelineLink = page.getByRole('link', { name: 'Timeline', exact: true });
  await expect(timelineLink).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(timelineLink).toBeVisible();
  await timelineLink.click();
  await expect(page).toHaveURL(/\/timeline$/);
  await expect(page.locator('h1').first()).toHaveText('Timeline');
});
