// Fails when the import graph of server/, app/, components/ and e2e/support has a cycle (issue 16).
// Type-only imports count too: a type cycle couples two modules as much as a value cycle does.
// Resolves relative and `@/` specifiers to .ts/.tsx files (or index files); packages are leaves.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIRS = ['server', 'app', 'components', 'e2e/support', 'lib'];
const EXT = ['.ts', '.tsx', '.mts', '.js', '.mjs'];

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (EXT.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolve(from, spec) {
  let base;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  const candidates = [base, ...EXT.map((x) => base + x), ...EXT.map((x) => path.join(base, 'index' + x))];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const files = DIRS.flatMap((d) => walk(path.join(ROOT, d), []));
const graph = new Map();
for (const f of files) {
  const src = fs.readFileSync(f, 'utf8');
  const deps = new Set();
  for (const m of src.matchAll(IMPORT)) {
    const r = resolve(f, m[1] ?? m[2]);
    if (r) deps.add(r);
  }
  graph.set(f, [...deps]);
}

// Tarjan's strongly connected components: any component of more than one file (or a self-import) is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], cycles = [];
function strong(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.map((c) => path.relative(ROOT, c)).sort());
  }
}
for (const f of graph.keys()) if (!idx.has(f)) strong(f);

if (files.length === 0) { console.error('check-cycles: no source files found'); process.exit(1); }
if (cycles.length) {
  console.error(`check-cycles: ${cycles.length} import cycle(s):`);
  for (const c of cycles) console.error(`  - ${c.join(' ↔ ')}`);
  process.exit(1);
}
console.log(`check-cycles: ${files.length} files, no import cycles`);
