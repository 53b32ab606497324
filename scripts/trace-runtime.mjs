// Copies into OUT only the files the production server loads (issue 22: a lean image): Next's own trace of
// the app (`output: 'standalone'`, .next/standalone/node_modules) plus a trace of the custom server and the
// backup worker (dist/*.js: socket.io, dockerode, better-sqlite3 and its native addon, ...), by the same
// tracer Next uses (@vercel/nft, shipped inside next). Run after `SLIPWAY_STANDALONE=1 npm run build`.
//   node scripts/trace-runtime.mjs OUT
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) { console.error('usage: trace-runtime.mjs OUT'); process.exit(2); }
const standalone = path.join(ROOT, '.next', 'standalone');
if (!fs.existsSync(standalone)) { console.error('trace-runtime: .next/standalone is missing: build with SLIPWAY_STANDALONE=1'); process.exit(1); }

const require = createRequire(import.meta.url);
const { nodeFileTrace } = require('next/dist/compiled/@vercel/nft');
const entries = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.js')).map((f) => path.join(ROOT, 'dist', f));
const { fileList, warnings } = await nodeFileTrace(entries, { base: ROOT, processCwd: ROOT });

// Loaded only by features Slipway does not use: image optimisation (sharp's libvips), TypeScript configs and
// AMP validation.
const UNUSED = ['node_modules/@img/', 'node_modules/sharp/', 'node_modules/typescript/', 'node_modules/next/dist/compiled/amphtml-validator/'];
// Never loaded by a production server (issue 22, ~52 MB): source maps, and the Next runtimes of other
// modes. Next picks `<kind>.runtime.prod.js` when NODE_ENV=production (the image sets it) and neither
// TURBOPACK (`next build` here is webpack) nor an experimental React channel is on.
const NEVER_LOADED = [/\.map$/, /^node_modules\/next\/dist\/compiled\/next-server\/.*(\.runtime\.dev\.js|-turbo[.-]|-experimental\.)/];
const unused = (rel) => UNUSED.some((u) => rel.startsWith(u)) || NEVER_LOADED.some((re) => re.test(rel));
let copied = 0;
const copy = (from, to) => {
  const st = fs.lstatSync(from);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
  else if (st.isFile()) fs.copyFileSync(from, to);
  else return;
  copied++;
};
for (const rel of fileList) {
  if (!rel.startsWith('node_modules/') || unused(rel)) continue; // dist/ and .next/ are copied whole
  const to = path.join(OUT, rel);
  if (!fs.existsSync(to)) copy(path.join(ROOT, rel), to);
}
// Next's trace of the app itself, relative to the project root inside .next/standalone
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() && !e.isSymbolicLink() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const abs of walk(path.join(standalone, 'node_modules'))) {
  const rel = path.relative(standalone, abs);
  const to = path.join(OUT, rel);
  if (!unused(rel) && !fs.existsSync(to)) copy(abs, to);
}
const missing = [...warnings].filter((w) => /Cannot find module/.test(String(w)));
console.log(`trace-runtime: ${copied} files into ${path.relative(ROOT, OUT) || OUT}${missing.length ? `; ${missing.length} unresolved (optional) requires` : ''}`);
