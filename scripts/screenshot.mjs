#!/usr/bin/env node
// The README's picture, docs/screenshot.png: the tutorial's firing figure (section 2.4) as a reader sees it
// on a desktop, with the pointer on the membrane at the first spike, so that the read-out and the step marked
// on all three panels show. Regenerate it after a change to the site:
//
//   npm run build:web && node scripts/screenshot.mjs [output.png]
//
// It serves dist/ on a free loopback port and drives Debian's Chromium (/usr/bin/chromium, or $SNN_CHROMIUM)
// through playwright-core, as the browser tests do; it never downloads a browser.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] || join(root, 'docs/screenshot.png'));
const chromiumPath = process.env.SNN_CHROMIUM || '/usr/bin/chromium';
const FIGURE = 'lapicque-fire';
const LIMIT = 300 * 1024; // the README's picture stays small

if (!existsSync(join(root, 'dist/index.html'))) {
  console.error('screenshot: dist/ is not built (npm run build:web)');
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`screenshot: ${chromiumPath} not found (apt-get install chromium)`);
  process.exit(1);
}

const server = await serve({ root: join(root, 'dist'), port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(`${server.url.replace('localhost', '127.0.0.1')}index.html#section=lapicque`, { waitUntil: 'load' });
  await page.evaluate(async () => {
    await window.snnReady;
    await Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready));
  });
  // Every section laid out, so that the figure stays where it is scrolled to (through the CSSOM: the page's
  // Content-Security-Policy refuses an added <style>).
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('main > section')) s.style.setProperty('content-visibility', 'visible', 'important');
  });
  const figure = page.locator(`snn-figure[ref="${FIGURE}"]`);
  await figure.scrollIntoViewIfNeeded();
  // The pointer on the membrane, at the first spike.
  const at = await page.evaluate((ref) => {
    const f = document.querySelector(`snn-figure[ref="${ref}"]`);
    const spk = f.trace.get('spk').data;
    const step = spk.findIndex((v) => v !== 0);
    const panel = f.panels.find((p) => p.type === 'membrane');
    const r = panel.canvas.getBoundingClientRect();
    const mem = f.trace.get('mem').data[step];
    return { x: r.left + panel.layout.xScale(step), y: r.top + panel.layout.yScale(mem) };
  }, FIGURE);
  await page.mouse.move(at.x, at.y);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  mkdirSync(dirname(out), { recursive: true });
  await figure.screenshot({ path: out });
  const size = statSync(out).size;
  console.log(`screenshot: ${relative(process.cwd(), out)} (${(size / 1024).toFixed(0)} KB)`);
  if (size > LIMIT) {
    console.error(`screenshot: ${(size / 1024).toFixed(0)} KB is more than the ${LIMIT / 1024} KB the README's picture may take`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
