// Adds up the JSON reports of every suite into one closing line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if ('numPassedTests' in r) {
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    console.log(`${file.replace('.json', '')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  } else if (r.stats) {
    passed += r.stats.expected + r.stats.flaky; failed += r.stats.unexpected; skipped += r.stats.skipped;
    console.log(`e2e: ${r.stats.expected + r.stats.flaky} passed, ${r.stats.unexpected} failed`);
  }
}
// The soak's figures (requests, latency, log lines, RSS), as the soak printed them.
const soak = path.join(dir, 'soak.txt');
if (fs.existsSync(soak)) console.log(fs.readFileSync(soak, 'utf8').trim());
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
