// Smoke tests of the built site (dist/, from `npm run build:web`) in Debian's Chromium:
//  - the static output (math rendered at build time, the service worker's precache list, one self-contained file)
//  - the server (MIME types, no way out of dist/)
//  - every hosted page over http: no console errors, no failed requests, app.js imported, the core answers
//    with the Node build's numbers; then offline through the service worker
//  - dist/snn-tutorial.html from file:// with all network blocked
//  - a screenshot of each page in test-output/screenshots/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative, sep } from 'node:path';
import { loadSnn } from '../../wasm/index.js';
import { distDir, fileOnly, launchBrowser, pages, runInPage, screenshot, settle, singleFile, singleFileUrl, startServer, watchPage } from './harness.js';

const TIMEOUT = 90_000;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

// The same Scenario as runInPage, in Node: the page must give the same trace, bit for bit.
async function nodeReference() {
  const snn = await loadSnn();
  const trace = snn.runScenario({
    model: 'Leaky', constructor: { beta: 0.8, threshold: 1.0 }, num_steps: 50,
    input: { step: { amplitude: 0.3, start: 5 } },
  });
  return { steps: 50, spikes: trace.get('spk').data.reduce((a, b) => a + b, 0), hash: trace.hash(), mem5: trace.get('mem').data[5] };
}

// embed.html shows one figure named in its hash: the tutorial's first figure.
function pageUrl(name) {
  if (name !== 'embed.html') return name;
  const first = readFileSync(join(distDir, 'index.html'), 'utf8').match(/<snn-figure\b[^>]*\bref\s*=\s*["']([^"']+)["']/);
  return first ? `${name}#figure=${encodeURIComponent(first[1])}` : name;
}

function rawGet(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static output', () => {
  test('pages have their math rendered to MathML at build time', () => {
    for (const name of pages) {
      const html = readFileSync(join(distDir, name), 'utf8');
      assert.doesNotMatch(html, /class\s*=\s*["']tex["']/, `${name}: a TeX element was left unrendered`);
    }
    const index = readFileSync(join(distDir, 'index.html'), 'utf8');
    if (/<math\b/.test(index)) assert.doesNotMatch(index, /merror/, 'index.html: temml reported an error');
  });

  test('the service worker precaches every file of dist/ under a hashed cache name', () => {
    const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
    assert.doesNotMatch(sw, /self\.__(PRECACHE|CACHE_NAME)__/);
    assert.match(sw, /snn-tutorial-v[\d.]+-[0-9a-f]{12}/);
    for (const file of walk(distDir)) {
      const rel = relative(distDir, file).split(sep).join('/');
      if (rel === 'sw.js') continue;
      assert.ok(sw.includes(JSON.stringify(rel)), `sw.js does not precache ${rel}`);
    }
  });

  test('snn-tutorial.html is one self-contained file', () => {
    const html = readFileSync(singleFile, 'utf8');
    const outsideScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    // The script elements' own tags (the code inside them writes "<script src=" into the snippets it offers).
    const scriptTags = [...html.matchAll(/<script\b([^>]*)>[\s\S]*?<\/script>/gi)].map((m) => m[1]);
    assert.ok(scriptTags.length >= 1, 'no inline script');
    for (const tag of scriptTags) {
      assert.doesNotMatch(tag, /\bsrc\s*=/i, 'an external script');
      assert.doesNotMatch(tag, /type\s*=\s*["']module["']/i, 'a module script (file:// cannot run it)');
    }
    assert.doesNotMatch(outsideScripts, /<link\b[^>]*rel\s*=\s*["']?stylesheet/i, 'an external stylesheet');
    assert.doesNotMatch(outsideScripts, /\b(src|href)\s*=\s*["']\.?\/?assets\//i, 'a reference to assets/');
    assert.doesNotMatch(outsideScripts, /<(img|script|link|iframe|source)\b[^>]*\b(src|href)\s*=\s*["']https?:/i, 'a network resource');
    assert.match(html, /var createSnnCore\b/, 'the inlined core (snn.single.js)');
    assert.ok(html.includes(readFileSync(join(distDir, 'snn-figure.js'), 'utf8').slice(0, 2000)), 'the single file does not inline snn-figure.js');
    console.log(`# sizes: assets/app.js ${statSync(join(distDir, 'assets/app.js')).size} B, snn-tutorial.html ${statSync(singleFile).size} B`);
  });
});

describe('in Chromium', { timeout: TIMEOUT * 4 }, () => {
  let server;
  let browser;
  let reference;

  before(async () => {
    [server, browser, reference] = await Promise.all([startServer(), launchBrowser(), nodeReference()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the server sends the right MIME types and never leaves dist/', { timeout: TIMEOUT }, async () => {
    const types = { '/': 'text/html', '/index.html': 'text/html', '/assets/app.js': 'text/javascript', '/assets/snn.min.mjs': 'text/javascript',
      '/assets/snn.wasm': 'application/wasm', '/assets/style.css': 'text/css', '/assets/app.js.map': 'application/json', '/sw.js': 'text/javascript' };
    for (const [path, type] of Object.entries(types)) {
      const r = await rawGet(server.url, path);
      assert.equal(r.status, 200, path);
      assert.ok(r.type.startsWith(type), `${path}: ${r.type}`);
    }
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json',
      '/%2e%2e%5cpackage.json', '/assets/..%2f..%2fpackage.json', '/%00', '/nope.html']) {
      const r = await rawGet(server.url, path);
      assert.ok(r.status === 400 || r.status === 404, `${path}: HTTP ${r.status}`);
      assert.doesNotMatch(r.body, /"devDependencies"/, `${path} leaked package.json`);
    }
  });

  for (const name of pages) {
    test(`${name} over http: no console errors, no failed requests, app.js imported`, { timeout: TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const page = await context.newPage();
        const watch = watchPage(page);
        const wasm = [];
        page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.headers()['content-type']); });
        await page.goto(server.url + pageUrl(name), { waitUntil: 'load' });
        const imported = await page.evaluate(() => import('/assets/app.js').then(() => 'ok', (e) => String(e)));
        assert.equal(imported, 'ok', `import('/assets/app.js') failed: ${imported}`);
        const state = await settle(page);
        if (name === 'index.html') {
          assert.ok(state.snnReady, 'window.snnReady is not defined (web/src/main.js must set it)');
          assert.deepEqual(await runInPage(page), reference, 'the page core differs from the Node build');
          assert.ok(wasm.length >= 1 && wasm.every((t) => t === 'application/wasm'), `snn.wasm responses: ${wasm}`);
        }
        await page.waitForLoadState('networkidle');
        await screenshot(page, `hosted-${name.replace('.html', '')}`);
        assert.deepEqual(watch.problems(), [], `${name}:\n${watch.problems().join('\n')}`);
      } finally {
        await context.close();
      }
    });
  }

  test('a visited site keeps working offline (service worker)', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url + 'index.html', { waitUntil: 'load' });
      const registered = await page.evaluate(() => Promise.race([
        navigator.serviceWorker.ready.then((r) => r.active?.state || 'ready'),
        new Promise((r) => setTimeout(() => r('none'), 15000)),
      ]));
      assert.notEqual(registered, 'none', 'no service worker became ready (main.js registers sw.js)');
      // Wait until the worker controls the page, so that everything it precached is there.
      await page.evaluate(() => navigator.serviceWorker.controller || new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })));
      await context.setOffline(true);
      const watch = watchPage(page);
      for (const name of pages) {
        const response = await page.goto(server.url + name + '?offline=1', { waitUntil: 'load' });
        assert.ok(response?.fromServiceWorker(), `offline: ${name} did not come from the service worker`);
        const state = await settle(page);
        if (name === 'index.html') assert.deepEqual(await runInPage(page), reference, 'offline: the page core differs from the Node build');
        assert.ok(state.snnReady || name !== 'index.html');
      }
      assert.deepEqual(watch.problems(), [], `offline:\n${watch.problems().join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('snn-tutorial.html from file:// with all network blocked', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const blocked = await fileOnly(context);
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(singleFileUrl, { waitUntil: 'load' });
      // The core is inside snn-figure.js's own function: no global but the page's readiness promise.
      assert.equal(await page.evaluate(() => typeof createSnnCore), 'undefined', 'createSnnCore leaked into the page');
      const state = await settle(page);
      assert.ok(state.snnReady, 'window.snnReady is not defined (web/src/main.js must set it)');
      assert.deepEqual(await runInPage(page), reference, 'the single-file core differs from the Node build');
      assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
      await screenshot(page, 'single-file-snn-tutorial');
      assert.deepEqual([...new Set(blocked)], [], 'the single file tried the network');
      assert.deepEqual(watch.problems(), [], `snn-tutorial.html:\n${watch.problems().join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
