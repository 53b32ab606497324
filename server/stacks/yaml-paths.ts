// Checks on a compose document's own text, before the CLI sees it: in Slipway's own stacks, `include:`,
// `extends: file:` and `env_file:` must name files inside the stack folder. Also finds the line of a
// dotted key path (the CLI's "services.web.ports is invalid" carries no line). Pure.
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface PathProblem {
  error: string;
  line?: number;
}

interface Found {
  key: string;
  value: string;
  node: Node;
}

function strings(node: unknown, key: string, out: Found[], field?: string) {
  if (isScalar(node) && typeof node.value === 'string') out.push({ key, value: node.value, node });
  else if (isSeq(node)) for (const item of node.items) strings(item, key, out, field);
  else if (isMap(node) && field) strings(node.get(field, true), key, out);
}

/** Paths that `include:`, `extends:` and `env_file:` name, with their nodes. */
function referencedPaths(doc: ReturnType<typeof parseDocument>): Found[] {
  const out: Found[] = [];
  const root = doc.contents;
  if (!isMap(root)) return out;
  const include = root.get('include', true);
  if (isSeq(include))
    for (const item of include.items) {
      if (isMap(item)) {
        strings(item.get('path', true), 'include', out);
        strings(item.get('env_file', true), 'include env_file', out);
        strings(item.get('project_directory', true), 'include project_directory', out);
      } else strings(item, 'include', out);
    }
  const services = root.get('services', true);
  if (isMap(services))
    for (const pair of services.items) {
      const svc = pair.value;
      if (!isMap(svc)) continue;
      const ext = svc.get('extends', true);
      if (isMap(ext)) strings(ext.get('file', true), 'extends file', out);
      strings(svc.get('env_file', true), 'env_file', out, 'path');
    }
  return out;
}

export function pathsStayInside(text: string, folder: string): PathProblem | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) return null; // the CLI reports syntax errors with its own message
  for (const f of referencedPaths(doc)) {
    const line = f.node.range ? lc.linePos(f.node.range[0]).line : undefined;
    if (f.value.includes('$')) return { error: `${f.key} path "${f.value}" uses a variable: not allowed in Slipway's stacks`, line };
    const resolved = path.resolve(folder, f.value);
    const rel = path.relative(folder, resolved);
    if (path.isAbsolute(f.value) || rel.startsWith('..') || path.isAbsolute(rel))
      return { error: `${f.key} path "${f.value}" leaves the stack folder`, line };
  }
  return null;
}

/** The line of `services.web.ports` (longest existing prefix) in a compose text, if it parses. */
export function lineOfKeyPath(text: string, dotted: string): number | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) return undefined;
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of dotted.split('.')) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    const k = pair.key as Node;
    if (k.range) line = lc.linePos(k.range[0]).line;
    node = pair.value;
  }
  return line;
}
