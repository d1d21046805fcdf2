// A new build of the hosted site reaches open pages: the service worker installs it and waits, each open
// page says "A new version of this page is ready" and offers a reload, and the reload (with the page's
// settings) brings the new version, served from the new cache, the old one gone. Until then the old
// worker serves the old pages whole. Runs on a copy of dist/ so that the test can publish a new build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { distDir, launchBrowser, watchPage } from './harness.js';

const TIMEOUT = 120_000;
let browser;
let server;
let site;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'snn-update-'));
  cpSync(distDir, site, { recursive: true });
  const started = await serve({ root: site, port: 0 });
  server = { url: started.url.replace('localhost', '127.0.0.1').replace(/\/?$/, '/'), close: started.close };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

// Publishes a "new build": index.html gains a marker and sw.js a new cache name (what any change does).
function publish() {
  const index = join(site, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<main>', '<main><p id="new-build">the new build</p>'));
  const sw = join(site, 'sw.js');
  const text = readFileSync(sw, 'utf8');
  const name = text.match(/const CACHE_NAME = "([^"]+)"/)[1];
  writeFileSync(sw, text.replace(`"${name}"`, `"${name}-next"`));
  return { old: name, next: `${name}-next` };
}

const controlled = (page) =>
  page.evaluate(() => navigator.serviceWorker.controller || new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })));

test('a new version is announced to every open page, and a reload brings it with the page\'s settings', { timeout: TIMEOUT }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}index.html#lapicque-fire.amp=0.3`, { waitUntil: 'load' });
    await controlled(page);
    const other = await context.newPage();
    await other.goto(`${server.url}embed.html#figure=lapicque-fire`, { waitUntil: 'load' });
    await controlled(other);
    assert.equal(await page.locator('.update-notice').count(), 0, 'a notice before any new version');

    const names = publish();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    for (const p of [page, other]) {
      const notice = p.locator('.update-notice');
      await notice.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await notice.textContent(), /A new version of this page is ready/);
      assert.equal(await notice.getAttribute('role'), 'status');
    }
    // Until the reader takes it, the old worker serves the old build, whole.
    const stillOld = await context.newPage();
    await stillOld.goto(`${server.url}index.html`, { waitUntil: 'load' });
    assert.equal(await stillOld.locator('#new-build').count(), 0, 'the new build was served before the reader reloaded');
    await stillOld.close();

    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.locator('.update-notice .update-reload').click()]);
    await page.locator('#new-build').waitFor({ state: 'attached', timeout: 10_000 });
    assert.match(page.url(), /lapicque-fire\.amp=0\.3/, 'the reload lost the page\'s settings');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [names.next], 'the old cache is still there');
    assert.equal(await page.locator('.update-notice').count(), 0, 'the new version still offers itself');
    // The other page runs the old build under the new worker now: it keeps offering the reload.
    assert.equal(await other.locator('.update-notice').count(), 1);
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  } finally {
    await context.close();
  }
});

test('dismissed, the notice goes; the first visit offers nothing', { timeout: TIMEOUT }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`, { waitUntil: 'load' });
    await controlled(page);
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.update-notice').count(), 0, 'the first install offered a reload');
    publish();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.locator('.update-notice').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.update-notice .update-dismiss').click();
    assert.equal(await page.locator('.update-notice').count(), 0);
  } finally {
    await context.close();
  }
});
