// The level of a log line, read the way people write them: a JSON `level`/`severity` field (names or
// pino/bunyan numbers), logfmt `level=`, or the first level word near the start (`ERROR ...`,
// `[error]`, `2026-01-01 12:00:00 FATAL ...`). Pure and cheap: only the first 300 characters are read,
// with no JSON parse, so the error-rate counter can afford it for every line of every container.
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const JSON_LEVEL = /"(?:level|severity|lvl|log\.level)"\s*:\s*(?:"([A-Za-z]+)"|(\d+))/;
const LOGFMT_LEVEL = /(?:^|\s)(?:level|lvl|severity)=["']?([A-Za-z]+)/;
const WORD = /\b(fatal|panic|emerg(?:ency)?|alert|crit(?:ical)?|error|err|warn(?:ing)?|info|notice|debug|trace)\b/i;
const ERROR_WORDS = new Set(['fatal', 'panic', 'emerg', 'emergency', 'alert', 'crit', 'critical', 'error', 'err']);

function byName(raw: string): LogLevel | null {
  const l = raw.toLowerCase();
  if (ERROR_WORDS.has(l)) return 'error';
  if (l.startsWith('warn')) return 'warn';
  if (l === 'info' || l === 'notice') return 'info';
  if (l === 'debug' || l === 'trace') return 'debug';
  return null;
}

export function logLevelOf(text: string): LogLevel | null {
  const head = text.length > 300 ? text.slice(0, 300) : text;
  if (head.includes('"')) {
    const j = JSON_LEVEL.exec(head);
    if (j) {
      if (j[1]) return byName(j[1]);
      const n = Number(j[2]); // pino/bunyan: 50 error, 60 fatal, 40 warn, 30 info
      return n >= 50 ? 'error' : n >= 40 ? 'warn' : n >= 30 ? 'info' : 'debug';
    }
  }
  if (head.includes('=')) {
    const f = LOGFMT_LEVEL.exec(head);
    if (f) return byName(f[1]);
  }
  const w = WORD.exec(head.length > 200 ? head.slice(0, 200) : head);
  return w ? byName(w[1]) : null;
}

export const isErrorLine = (text: string): boolean => logLevelOf(text) === 'error';
