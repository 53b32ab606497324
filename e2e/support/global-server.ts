// Vitest global setup: one Slipway server for the integration files, stopped at the end.
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './slipway-server';

let server: RunningServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    slipwayUrl: string;
  }
}

export async function setup(project: TestProject) {
  const port = Number(process.env.SLIPWAY_TEST_PORT ?? 3101);
  server = await startServer({ port });
  project.provide('slipwayUrl', server.url);
}

export async function teardown() {
  await server?.stop();
}
