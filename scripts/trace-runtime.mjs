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

// Loaded only by features Slipway does not use: image optimisation (sharp's libvips) and TypeScript configs.
const UNUSED = ['node_modules/@img/', 'node_modules/sharp/', 'node_modules/typescript/'];
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
  if (!rel.startsWith('node_modules/') || UNUSED.some((u) => rel.startsWith(u))) continue; // dist/ and .next/ are copied whole
  const to = path.join(OUT, rel);
  if (!fs.existsSync(to)) copy(path.join(ROOT, rel), to);
}
// Next's trace of the app itself, relative to the project root inside .next/standalone
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() && !e.isSymbolicLink() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const abs of walk(path.join(standalone, 'node_modules'))) {
  const rel = path.relative(standalone, abs);
  const to = path.join(OUT, rel);
  if (!UNUSED.some((u) => rel.startsWith(u)) && !fs.existsSync(to)) copy(abs, to);
}
const missing = [...warnings].filter((w) => /Cannot find module/.test(String(w)));
console.log(`trace-runtime: ${copied} files into ${path.relative(ROOT, OUT) || OUT}${missing.length ? `; ${missing.length} unresolved (optional) requires` : ''}`);
