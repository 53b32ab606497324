import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(__dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // Integration files share one engine and one server; one file at a time keeps timings honest on 2 cores.
    fileParallelism: false,
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['server/**/*.test.ts', 'components/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['e2e/api/**/*.test.ts'],
          exclude: ['e2e/api/engine-outage.test.ts', 'e2e/api/logs-engine-restart.test.ts'],
          globalSetup: ['e2e/support/global-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'outage',
          include: ['e2e/api/engine-outage.test.ts', 'e2e/api/logs-engine-restart.test.ts'],
          globalSetup: ['e2e/support/global-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // `npm run test:soak`: minutes of steady load on a server of its own; not part of `integration`.
          name: 'soak',
          include: ['e2e/soak/**/*.test.ts'],
          testTimeout: (Number(process.env.SLIPWAY_SOAK_SECONDS ?? 300) + 300) * 1000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
