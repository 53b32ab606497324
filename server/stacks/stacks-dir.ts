// Where Slipway keeps the stacks it creates: SLIPWAY_STACKS_DIR, default $SLIPWAY_DATA_DIR/stacks.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app';

/** The stacks folder as a real path (created on first use), so every confinement check compares real paths. */
export function stacksDir(app: App): string {
  const configured = process.env.SLIPWAY_STACKS_DIR?.trim();
  const dir = path.resolve(configured || path.join(app.config.dataDir, 'stacks'));
  fs.mkdirSync(dir, { recursive: true });
  return fs.realpathSync(dir);
}
