// Playwright global setup: one Slipway server for the UI specs; the returned function stops it.
import { startServer } from './slipway-server';
import { E2E_PORT } from '../../playwright.config';

export default async function globalSetup() {
  const server = await startServer({ port: E2E_PORT });
  // specs that age a session in the store (re-authentication) find it here; workers inherit the environment
  process.env.SLIPWAY_E2E_DATA_DIR = server.dataDir;
  return async () => server.stop();
}
