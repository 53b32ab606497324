// Prepares Next for serving without loading webpack. Next's config loader installs its webpack require-hook
// (next/dist/compiled/webpack: 5 MB of source held in memory, about 10 MB of the idle heap) unless it runs as a
// render worker. A production server never compiles anything, so while preparing it says it is one. That flag
// also makes render-server.js rename the process, which would overwrite its command line (`ps`, `pgrep -f
// dist/server.js`), so the title is held unchanged while Next prepares.
export async function prepareNext(app: { prepare(): Promise<void> }, dev: boolean): Promise<void> {
  if (dev) return app.prepare();
  const titleProperty = Object.getOwnPropertyDescriptor(process, 'title');
  const title = process.title;
  if (titleProperty?.configurable) Object.defineProperty(process, 'title', { configurable: true, enumerable: titleProperty.enumerable, get: () => title, set: () => undefined });
  process.env.__NEXT_PRIVATE_RENDER_WORKER ??= 'slipway';
  try {
    await app.prepare();
  } finally {
    if (titleProperty?.configurable) Object.defineProperty(process, 'title', titleProperty);
  }
}
