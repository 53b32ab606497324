// A backup schedule is standard five-field cron (minute hour day month weekday) or a nickname such as
// @daily. Croner would also take a leading seconds field (and a year), so one label could start a
// backup every second; those are refused (issue 15).
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Null when the pattern is acceptable, else why not. */
export function scheduleProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (p.startsWith('@')) return NICKNAMES.has(p.toLowerCase()) ? null : `unknown nickname ${p.slice(0, 20)} (use @hourly, @daily, @weekly, @monthly or @yearly)`;
  const fields = p.split(/\s+/).filter(Boolean);
  if (fields.length === 6 || fields.length === 7) return 'a seconds field is not allowed: use five fields (minute hour day month weekday)';
  if (fields.length !== 5) return `expected five fields (minute hour day month weekday), got ${fields.length}`;
  return null;
}
