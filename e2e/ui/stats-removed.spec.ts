// The charts page of a container that is removed while watched: the page says so instead of a
// chart that silently stops.
import { expect, test } from '@playwright/test';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { screenshot, signIn } from '../support/ui';

const project = uniqueProject('swsr');

test.afterAll(async () => {
  await removeProject(project);
});

test('the charts page says when its container is removed', async ({ page }) => {
  const c = await createTestContainer({ project, service: 'gone', cmd: ['sleep', '3600'] });
  await signIn(page);
  await page.goto(`/containers/${c.name}/stats`);
  await expect(page.getByTestId('stats-mem')).not.toContainText('—', { timeout: 15_000 }); // a live reading
  await docker.getContainer(c.id).remove({ force: true });
  await expect(page.getByTestId('stats-ended')).toHaveText('This container was removed: the charts keep its last readings, and no new samples will come.');
  await screenshot(page, 'stats-container-removed');
});
