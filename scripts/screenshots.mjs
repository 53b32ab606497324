// Screenshots of every page at 1440×900 and 390×844 against a running Slipway (npm run demo), to look
// at what was built. Prints each page's scroll width, which must not exceed the viewport.
// Usage: SLIPWAY_URL=http://127.0.0.1:3000 SLIPWAY_ADMIN_PASSWORD=... node scripts/screenshots.mjs [out-dir] [path...]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const base = process.env.SLIPWAY_URL ?? 'http://127.0.0.1:3000';
const out = process.argv[2] ?? 'screenshots';
const pages = process.argv.length > 3 ? process.argv.slice(3) : ['/', '/stacks', '/logs', '/health', '/slots', '/backups', '/images', '/updates', '/volumes', '/networks', '/environments', '/swarm', '/audit', '/users', '/notifications'];
const sizes = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const size of sizes) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, baseURL: base });
    const login = await context.request.post('/api/auth/login', {
      data: { username: process.env.SLIPWAY_ADMIN_USER ?? 'admin', password: process.env.SLIPWAY_ADMIN_PASSWORD },
      headers: { origin: base },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    for (const p of pages) {
      await page.goto(p, { waitUntil: 'networkidle' });
      await page.waitForTimeout(800); // let live data and charts settle before the picture
      const file = path.join(out, `${size.name}${p === '/' ? '-overview' : p.replaceAll('/', '-')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(`${size.name} ${p}: scrollWidth ${scrollWidth}${scrollWidth > size.width ? ' (WIDER THAN THE VIEWPORT)' : ''} -> ${file}`);
    }
    if (errors.length) console.log(`${size.name}: console errors:\n  ${errors.join('\n  ')}`);
    await context.close();
  }
} finally {
  await browser.close();
}
