// The route map (routes.ts) and the route files (app/api/**/route.ts) must describe the same API: every file's
// exported methods are in the map and nothing else is, and the schemas a file parses with are the map's own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as contract from './index';
import { API_ROUTES, HTTP_METHODS, type RouteSpec } from './routes';

const API_DIR = path.resolve(__dirname, '../../app/api');

interface RouteFile {
  file: string;
  pattern: string;
  text: string;
}

function routeFiles(dir = API_DIR): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === 'route.ts') {
      const rel = path.relative(API_DIR, dir).split(path.sep).filter(Boolean);
      // Next's folder names: [id] is a parameter
      const pattern = `/api${rel.map((s) => `/${s.replace(/^\[(\w+)\]$/, ':$1')}`).join('')}`;
      out.push({ file: path.relative(path.resolve(API_DIR, '../..'), full), pattern, text: fs.readFileSync(full, 'utf8') });
    }
  }
  return out;
}

/** `export const GET = route(...)` and `export { handler as GET, ... }` */
function exportedMethods(text: string): string[] {
  const direct = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  const renamed = [...text.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)].map((x) => x[1]));
  return [...direct, ...renamed];
}

/** the options object of `export const METHOD = route({ ... }, handler)` */
function routeOptions(text: string, method: string): string {
  const start = text.indexOf(`export const ${method} = route(`);
  if (start < 0) return '';
  const end = text.indexOf('async', start);
  return text.slice(start, end < 0 ? undefined : end);
}

const files = routeFiles();
const CATCH_ALL = '/api/:...rest';
const schemaName = new Map<unknown, string>(Object.entries(contract).map(([name, value]) => [value, name]));

describe('API_ROUTES', () => {
  it('lists exactly the methods the route files export', () => {
    const fromFiles = files
      .filter((f) => !f.pattern.includes('[...'))
      .flatMap((f) => exportedMethods(f.text).map((m) => `${m} ${f.pattern}`))
      .sort();
    expect(fromFiles.length).toBeGreaterThan(100);
    expect(Object.keys(API_ROUTES).sort()).toEqual(fromFiles);
  });

  it('has one catch-all, the JSON 404 for unknown paths, outside the map', () => {
    const catchAll = files.filter((f) => f.pattern.includes('[...'));
    expect(catchAll.map((f) => f.pattern.replace('[...rest]', ':...rest'))).toEqual([CATCH_ALL]);
    expect(exportedMethods(catchAll[0].text).sort()).toEqual([...HTTP_METHODS].sort());
  });

  it('names the schemas each route file parses with', () => {
    const problems: string[] = [];
    for (const f of files.filter((x) => !x.pattern.includes('[...'))) {
      for (const method of exportedMethods(f.text)) {
        const key = `${method} ${f.pattern}`;
        const spec = (API_ROUTES as Record<string, RouteSpec>)[key];
        if (!spec) continue;
        const opts = routeOptions(f.text, method);
        for (const field of ['params', 'query', 'body'] as const) {
          const inFile = new RegExp(`\\b${field}: (\\w+)`).exec(opts)?.[1];
          const inMap = spec[field] ? schemaName.get(spec[field]) : undefined;
          if (spec[field] && !inMap) problems.push(`${key}: the map's ${field} schema is not exported by the contract`);
          if (inFile && inFile !== inMap) problems.push(`${key}: ${f.file} parses ${field} with ${inFile}, the map says ${inMap ?? 'none'}`);
          // a body the route reads itself (optional bodies) must still be the map's schema
          if (!inFile && inMap && !f.text.includes(inMap)) problems.push(`${key}: the map's ${field} ${inMap} is not used by ${f.file}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every path parameter a params schema with that name', () => {
    const problems: string[] = [];
    for (const [key, spec] of Object.entries(API_ROUTES as Record<string, RouteSpec>)) {
      const names = [...key.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      const shape = (spec.params as { shape?: Record<string, unknown> } | undefined)?.shape;
      const keys = shape ? Object.keys(shape).sort() : [];
      if (names.join() !== keys.join()) problems.push(`${key}: path names ${names.join() || 'none'}, params schema ${keys.join() || 'none'}`);
    }
    expect(problems).toEqual([]);
  });
});
