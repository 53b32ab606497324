// The Restart button on the overview and on the container page, against a real container: the engine
// starts it again (a new StartedAt), the page follows, and the audit log records it.
import { expect, test } from '@playwright/test';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { signIn } from '../support/ui';

const project = uniqueProject('swt-restart');
let id = '';
let name = '';

test.beforeAll(async () => {
  const c = await createTestContainer({ project, service: 'api', cmd: ['sleep', '3600'] });
  id = c.id;
  name = c.name;
});

test.afterAll(async () => {
  await removeProject(project);
});

const startedAt = async () => (await docker.getContainer(id).inspect()).State.StartedAt;

test('Restart restarts the container on the engine, from the overview and from its page', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  await expect(row.getByTestId('state')).toHaveText('running');
  const before = await startedAt();
  await row.getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restart', exact: true }).click();
  await expect.poll(startedAt, { message: 'a new start on the engine' }).not.toBe(before);
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  await expect(row.getByTestId('state')).toHaveText('running');

  await page.goto(`/containers/${name}`);
  const again = await startedAt();
  await page.getByTestId('container-actions').getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restart', exact: true }).click();
  await expect.poll(startedAt, { message: 'a second start on the engine' }).not.toBe(again);

  // The engine's new StartedAt is visible before Slipway's restart call returns and writes its audit row, so the
  // audit log is polled rather than read once.
  const restartsAudited = async () => {
    const audit = (await (await page.request.get('/api/audit?limit=200')).json()) as { action: string; target: string; result: string }[];
    return audit.filter((e) => e.action === 'container.restart' && e.target.includes(name) && e.result === 'ok').length;
  };
  await expect.poll(restartsAudited, { message: 'both restarts in the audit log' }).toBe(2);
});
