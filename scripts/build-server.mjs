// Bundles server/index.ts into dist/server.js for `npm start`: esbuild runs at build time only,
// node_modules stay external so the production process needs no dev tooling.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile: 'dist/server.js',
  sourcemap: true,
  logLevel: 'warning',
});
