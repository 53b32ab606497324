// Playwright global setup: one Slipway server for the UI specs; the returned function stops it.
import { startServer } from './slipway-server';
import { E2E_PORT } from '../../playwright.config';

export default async function globalSetup() {
  const server = await startServer({ port: E2E_PORT });
  return async () => server.stop();
}
