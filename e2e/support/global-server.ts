// Vitest global setup: one Slipway server for the integration files, stopped at the end.
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './slipway-server';

let server: RunningServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    slipwayUrl: string;
    /** the server's data dir: tests that must reach its files (a backup to tamper with) */
    slipwayDataDir: string;
  }
}

export async function setup(project: TestProject) {
  const port = Number(process.env.SLIPWAY_TEST_PORT ?? 3101);
  server = await startServer({ port });
  project.provide('slipwayUrl', server.url);
  project.provide('slipwayDataDir', server.dataDir);
}

export async function teardown() {
  await server?.stop();
}
