// The container page in Chromium (issue 21): pause and resume, rename, remove with the typed name,
// the inspect tree's search, and the Files tab browsing, viewing and downloading a file.
import { expect, test } from '@playwright/test';
import { signIn } from '../support/ui';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';

const project = uniqueProject('swt-uiact');

test.afterAll(async () => {
  await removeProject(project);
});

test('pause, resume and rename a container from its page', async ({ page }) => {
  const c = await createTestContainer({ project, service: 'web', cmd: ['sleep', '3600'] });
  await signIn(page);
  await page.goto(`/containers/${c.id}`);
  const actions = page.getByTestId('container-actions');
  await actions.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('action-status')).toContainText('pause: done, paused');
  await expect.poll(async () => (await docker.getContainer(c.id).inspect()).State.Paused).toBe(true);
  await actions.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('action-status')).toContainText('unpause: done, running');
  await expect.poll(async () => (await docker.getContainer(c.id).inspect()).State.Paused).toBe(false);

  const renamed = `${project}-renamed`;
  await actions.getByRole('button', { name: 'Rename…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New name').fill(renamed);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('action-status')).toContainText('rename: done');
  await expect.poll(async () => (await docker.getContainer(c.id).inspect()).Name).toBe(`/${renamed}`);
  await expect(page.getByRole('heading', { name: renamed })).toBeVisible();
});

test('inspect search finds a key; files browse, view and download', async ({ page }) => {
  const c = await createTestContainer({ project, service: 'files', cmd: ['sh', '-c', 'mkdir -p /srv && printf "greeting: hello\\n" > /srv/app.yaml && sleep 3600'] });
  await expect.poll(async () => docker.getContainer(c.id).getArchive({ path: '/srv/app.yaml' }).then(() => true, () => false)).toBe(true);
  await signIn(page);
  await page.goto(`/containers/${c.id}`);
  await page.getByRole('tab', { name: 'Inspect' }).click();
  const inspect = page.getByTestId('inspect-panel');
  await inspect.getByLabel('Search inspect').fill('RestartPolicy');
  await expect(page.getByTestId('inspect-matches')).toContainText('1 match');
  await expect(inspect.locator('[data-match="1"]').first()).toBeVisible();

  await page.getByRole('tab', { name: 'Files' }).click();
  const files = page.getByTestId('files-panel');
  await files.getByRole('button', { name: 'srv/' }).click();
  await files.getByRole('button', { name: 'app.yaml' }).click();
  await expect(page.getByTestId('file-viewer')).toContainText('greeting: hello');
  // highlighted by its name (issue 21.3): the grammar's tokens are styled spans, not plain text
  await expect(page.getByTestId('file-language')).toHaveText('highlighted as YAML');
  await expect(page.getByTestId('file-viewer').locator('.cm-line span').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'File app.yaml' }).getByRole('link', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('app.yaml');
});

test('remove asks for the typed name and removes a stopped container', async ({ page }) => {
  const c = await createTestContainer({ project, service: 'doomed', cmd: ['true'] });
  await expect.poll(async () => (await docker.getContainer(c.id).inspect()).State.Status).toBe('exited');
  await signIn(page);
  await page.goto(`/containers/${c.id}`);
  await page.getByTestId('container-actions').getByRole('button', { name: 'Remove…' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Remove' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Container name to confirm').fill('wrong');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Container name to confirm').fill(c.name);
  await confirm.click();
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(async () => docker.getContainer(c.id).inspect().then(() => 'exists', () => 'gone')).toBe('gone');
});

test('bulk pause and resume of selected containers on the overview', async ({ page }) => {
  const a = await createTestContainer({ project, service: 'bulk', cmd: ['sleep', '3600'], index: 1 });
  const b = await createTestContainer({ project, service: 'bulk', cmd: ['sleep', '3600'], index: 2 });
  await signIn(page);
  await page.goto('/');
  await page.getByLabel(`Select ${a.name}`).check();
  await page.getByLabel(`Select ${b.name}`).check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('bulk-status')).toContainText('2 done');
  for (const c of [a, b]) await expect.poll(async () => (await docker.getContainer(c.id).inspect()).State.Paused).toBe(true);
  await bar.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('bulk-status')).toContainText('2 done');
  for (const c of [a, b]) await expect.poll(async () => (await docker.getContainer(c.id).inspect()).State.Paused).toBe(false);
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(bar).toBeHidden();
});
