// ANSI SGR colours (the common 16, 256 and true colour forms, bold, dim, italic, underline) as spans;
// every other escape sequence is removed so it never shows as garbage.
import type { CSSProperties, ReactNode } from 'react';

const BASIC = ['#1e293b', '#dc2626', '#16a34a', '#ca8a04', '#2563eb', '#c026d3', '#0891b2', '#cbd5e1'];
const BRIGHT = ['#64748b', '#f87171', '#4ade80', '#facc15', '#60a5fa', '#e879f9', '#22d3ee', '#f8fafc'];
// eslint-disable-next-line no-control-regex
const ESC = /\x1b\[([0-9;]*)([A-Za-z])/g;

export function hasAnsi(s: string) {
  return s.includes('\x1b[');
}

export function stripAnsi(s: string) {
  return hasAnsi(s) ? s.replace(ESC, '') : s;
}

function color256(n: number): string {
  if (n < 8) return BASIC[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const c = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
}

export interface AnsiSegment {
  text: string;
  style: CSSProperties | null;
}

export function ansiSegments(s: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let style: CSSProperties = {};
  let last = 0;
  ESC.lastIndex = 0;
  for (let m = ESC.exec(s); m; m = ESC.exec(s)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), style: Object.keys(style).length ? style : null });
    last = ESC.lastIndex;
    if (m[2] !== 'm') continue;
    const codes = m[1] === '' ? [0] : m[1].split(';').map(Number);
    style = { ...style };
    for (let i = 0; i < codes.length; i++) {
      const k = codes[i];
      if (k === 0) style = {};
      else if (k === 1) style.fontWeight = 700;
      else if (k === 2) style.opacity = 0.7;
      else if (k === 3) style.fontStyle = 'italic';
      else if (k === 4) style.textDecoration = 'underline';
      else if (k === 22) delete style.fontWeight;
      else if (k === 39) delete style.color;
      else if (k === 49) delete style.backgroundColor;
      else if (k >= 30 && k <= 37) style.color = BASIC[k - 30];
      else if (k >= 90 && k <= 97) style.color = BRIGHT[k - 90];
      else if (k >= 40 && k <= 47) style.backgroundColor = BASIC[k - 40];
      else if (k >= 100 && k <= 107) style.backgroundColor = BRIGHT[k - 100];
      else if ((k === 38 || k === 48) && codes[i + 1] === 5) {
        (style as Record<string, string>)[k === 38 ? 'color' : 'backgroundColor'] = color256(codes[i + 2] ?? 0);
        i += 2;
      } else if ((k === 38 || k === 48) && codes[i + 1] === 2) {
        (style as Record<string, string>)[k === 38 ? 'color' : 'backgroundColor'] = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
        i += 4;
      }
    }
  }
  if (last < s.length) out.push({ text: s.slice(last), style: Object.keys(style).length ? style : null });
  return out;
}

/** Renders text with ANSI colours, passing each plain piece through `mark` (search highlighting). */
export function Ansi({ text, mark }: { text: string; mark: (s: string, key: string) => ReactNode }) {
  if (!hasAnsi(text)) return <>{mark(text, 'p')}</>;
  return (
    <>
      {ansiSegments(text).map((seg, i) => (seg.style ? <span key={i} style={seg.style}>{mark(seg.text, `a${i}`)}</span> : <span key={i}>{mark(seg.text, `a${i}`)}</span>))}
    </>
  );
}
