// One table: figure, value, reference measured in the same run, ratio, target, pass/fail.
export function printTable(rows) {
  const head = ['bench', 'figure', 'Slipway', 'reference (same run)', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [r.bench, r.figure, r.value, r.reference ?? '—', r.ratio ?? '—', r.target ?? '—', r.pass === undefined ? '—' : r.pass ? 'pass' : 'FAIL']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}
