import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD } from './slipway-server';

export const SCREENS = path.resolve(__dirname, '..', '.artifacts', 'screens');

/** Signs in through the API (the form itself is covered by its own test). */
export async function signIn(page: Page, username = 'admin', password = ADMIN_PASSWORD) {
  const r = await page.request.post('/api/auth/login', { data: { username, password } });
  if (!r.ok()) throw new Error(`login failed: ${r.status()}`);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}
