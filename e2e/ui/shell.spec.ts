// The Shell page in a real browser against a real container: type, see output, resize, tabs, no-shell.
import { expect, test, type Page } from '@playwright/test';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { ensureNoShellImage, NO_SHELL_IMAGE } from '../support/shell';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swe-shell');
let deb: { id: string; name: string };
let noshell: { id: string; name: string };

test.beforeAll(async () => {
  ensureNoShellImage();
  [deb, noshell] = await Promise.all([
    createTestContainer({ project, service: 'web', image: 'slipway/nginx:1', cmd: ['sleep', '3600'] }),
    createTestContainer({ project, service: 'bare', image: NO_SHELL_IMAGE, cmd: ['/bin/sleep', '3600'] }),
  ]);
});

test.afterAll(async () => {
  await removeProject(project);
});

const activeRows = (page: Page) => page.locator('[data-active=true] .xterm-rows');

/** Runs `stty size` in the active terminal and returns the rows × cols it printed (marker n tells runs apart). */
async function sttySize(page: Page, n: number): Promise<[number, number]> {
  await page.keyboard.type(`echo "size${n}=$(stty size)"`);
  await page.keyboard.press('Enter');
  const re = new RegExp(`size${n}=(\\d+) (\\d+)`);
  await expect(activeRows(page)).toContainText(re);
  const m = re.exec((await activeRows(page).textContent()) ?? '')!;
  return [Number(m[1]), Number(m[2])];
}

test('opens a shell, runs a command, follows a window resize, and opens a second tab', async ({ page }) => {
  await signIn(page);
  await page.goto(`/containers/${deb.id}`);
  await page.getByRole('link', { name: 'Shell' }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/${deb.id}/shell$`));
  await expect(page.getByTestId('shell-tab').first()).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('shell-tab').first()).toContainText('bash');
  await page.getByTestId('shell-terminal').first().click();

  await page.keyboard.type('echo "hello-$((6*7))"; ls --color=always / | head -3; echo "colours: $(tput colors)"');
  await page.keyboard.press('Enter');
  await expect(activeRows(page)).toContainText('hello-42');
  await expect(activeRows(page)).toContainText('colours: 256');

  const [rows1, cols1] = await sttySize(page, 1);
  expect(cols1).toBeGreaterThan(100); // fills a 1440 px wide pane, not a fixed 80×24
  expect(rows1).toBeGreaterThan(24);
  await screenshot(page, 'shell');

  await page.setViewportSize({ width: 1000, height: 600 });
  await expect.poll(async () => (await sttySize(page, 2)).join('x'), { timeout: 10_000 }).not.toBe(`${rows1}x${cols1}`);
  const [rows2, cols2] = await sttySize(page, 3);
  expect(cols2).toBeLessThan(cols1);
  expect(rows2).toBeLessThan(rows1);

  // A second shell in its own tab, with another command.
  await page.getByLabel('Command').fill('sh');
  await page.getByRole('button', { name: 'New shell' }).click();
  await expect(page.getByTestId('shell-tab')).toHaveCount(2);
  await expect(page.getByTestId('shell-tab').nth(1)).toHaveAttribute('data-state', 'open');
  await page.keyboard.type('echo "second-$((1+1))"');
  await page.keyboard.press('Enter');
  await expect(activeRows(page)).toContainText('second-2');
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await expect(activeRows(page)).toContainText('Process exited with code 3');
  await screenshot(page, 'shell-tabs');
});

test('says clearly when the container has no shell', async ({ page }) => {
  await signIn(page);
  await page.goto(`/containers/${noshell.id}/shell`);
  await expect(page.getByTestId('shell-tab').first()).toHaveAttribute('data-state', 'failed');
  await expect(activeRows(page)).toContainText('This container has no shell');
  await screenshot(page, 'shell-no-shell');
});
