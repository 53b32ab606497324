// Bundles server/index.ts into dist/server.js for `npm start`, and the volume backup worker thread
// into dist/backup-worker.js: esbuild runs at build time only, node_modules stay external so the
// production process needs no dev tooling.
import { build } from 'esbuild';

await build({
  entryPoints: { server: 'server/index.ts', 'backup-worker': 'server/backups/volume-worker.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outdir: 'dist',
  sourcemap: true,
  logLevel: 'warning',
});
