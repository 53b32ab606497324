import { defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.SLIPWAY_E2E_PORT ?? 3102);

export default defineConfig({
  testDir: 'e2e/ui',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // A focused test in CI would silently drop the rest of the suite.
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/support/playwright-global.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1440, height: 900 },
    // Debian's Chromium: Playwright's own browser download cannot work on these machines.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'ui', testIgnore: /engine-outage/ },
    // Stops and restarts the engine: runs last, alone.
    { name: 'outage', testMatch: /engine-outage/, dependencies: ['ui'] },
  ],
});
