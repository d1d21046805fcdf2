// What a hostile spec, hash or src= cannot do, and the pages' Content-Security-Policy.
//  - paths, specs and hashes: __proto__ and prototype are refused everywhere, constructor wherever it is not
//    a Scenario's own object of keywords; nothing written through them reaches Object.prototype.
//  - src=: the page's own origin, or the origins it lists in <meta name="snn-figure-sources">; data: and
//    every other origin are refused with a notice in the figure.
//  - every page of dist/ (the single file too) carries a CSP: it draws every figure without one violation,
//    and a script injected into it does not run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figures } from '../../web/src/figures.js';
import { getPath, setPath } from '../../web/src/paths.js';
import { checkSpec, specRequest } from '../../web/src/spec-source.js';
import { parseHash } from '../../web/src/state.js';
import { distDir, launchBrowser, pages, singleFileUrl, startServer, watchPage } from './harness.js';

const polluted = () => ({}).polluted !== undefined || Object.prototype.polluted !== undefined;

describe('paths, specs and hashes (Node)', () => {
  test('setPath and getPath refuse __proto__ and prototype, and never follow an inherited constructor', () => {
    const scenario = { model: 'Leaky', constructor: { beta: 0.8 } };
    for (const path of ['__proto__.polluted', 'input.__proto__.polluted', 'constructor.prototype.polluted', 'prototype.polluted', 'a.prototype'])
      assert.throws(() => setPath(scenario, path, 1), (e) => e instanceof TypeError && e.message.includes('refused'), path);
    const bare = {};
    setPath(bare, 'constructor.prototype_x', 1);
    assert.ok(Object.hasOwn(bare, 'constructor'), 'constructor became the object\'s own, not the inherited Object');
    assert.equal(Object.prototype.prototype_x, undefined);
    assert.equal(getPath({}, 'constructor.name'), undefined, 'the inherited constructor is not read');
    assert.equal(getPath({}, 'toString'), undefined);
    assert.throws(() => getPath(scenario, '__proto__.polluted'), TypeError);
    setPath(scenario, 'constructor.beta', 0.5);
    assert.equal(scenario.constructor.beta, 0.5, 'a Scenario\'s own constructor is a path like any other');
    assert.equal(polluted(), false);
  });

  test('checkSpec refuses a key that could reach every object; the tutorial\'s specs pass', () => {
    for (const text of [
      '{"scenario": {"__proto__": {"polluted": 1}}}',
      '{"scenario": {"input": {"step": {"prototype": {}}}}}',
      '{"scenario": {"constructor": "x"}}',
      '{"constructor": 5}',
      '{"controls": [{"key": "__proto__", "path": "constructor.beta"}]}',
      '{"controls": [{"key": "constructor", "path": "constructor.beta"}]}',
      '{"id": "__proto__"}',
    ])
      assert.throws(() => checkSpec(JSON.parse(text)), (e) => e instanceof TypeError && e.message.includes('refused'), text);
    for (const [id, spec] of Object.entries(figures)) assert.doesNotThrow(() => checkSpec(structuredClone(spec)), id);
    assert.equal(polluted(), false);
  });

  test('a hash keeps its names in Maps: __proto__, constructor and prototype are names no figure has', () => {
    const parsed = parseHash('#fig.__proto__=1&__proto__.polluted=2&constructor.beta=3&prototype.x=4&fig.beta=0.5&hide=fig.__proto__,fig.beta,constructor.x');
    assert.ok(parsed.figures instanceof Map && parsed.figures.get('fig') instanceof Map);
    assert.equal(parsed.figures.get('fig').get('beta'), '0.5');
    assert.equal(parsed.figures.get('fig').get('__proto__'), '1', 'kept as a name, which figureValuesFromHash refuses with a notice');
    assert.deepEqual([...parsed.hidden], ['fig.beta'], 'hide= drops them');
    assert.equal(polluted(), false);
  });

  test('src= is the page\'s own origin, or one it lists; data: and every other origin are refused', () => {
    const page = (base, content) => ({ baseURI: base, querySelector: () => (content === undefined ? null : { getAttribute: () => content }) });
    const here = page('https://site.example/tutorial/index.html');
    assert.equal(specRequest('specs/a.json', here).url, 'https://site.example/tutorial/specs/a.json');
    assert.equal(specRequest('specs/a.json', here).init.mode, 'same-origin');
    for (const src of ['data:application/json,{}', 'https://evil.example/spec.json', '//evil.example/x.json', 'http://site.example/x.json', 'javascript:alert(1)'])
      assert.throws(() => specRequest(src, here), (e) => e instanceof TypeError && e.message.includes('snn-figure-sources'), src);
    const listing = page('https://site.example/', 'https://specs.example.org https://cdn.example.net/figures/ data:');
    assert.equal(specRequest('https://specs.example.org/any/x.json', listing).init.credentials, 'omit');
    assert.equal(specRequest('https://cdn.example.net/figures/x.json', listing).init.redirect, 'error');
    assert.throws(() => specRequest('https://cdn.example.net/other/x.json', listing), TypeError);
    assert.throws(() => specRequest('data:application/json,{}', listing), TypeError, 'data: cannot be listed');
  });
});

describe('in Chromium', () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Records every CSP violation from the first script on.
  const VIOLATIONS = () => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  };

  test('every page has a Content-Security-Policy, draws every figure within it, and refuses an injected script', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      for (const url of [...pages.map((p) => `${server.url}/${p}${p === 'embed.html' ? '#figure=lapicque-fire' : ''}`), singleFileUrl]) {
        const page = await context.newPage();
        const watch = watchPage(page);
        await page.addInitScript(VIOLATIONS);
        await page.goto(url);
        await page.evaluate(() => window.snnReady);
        await page.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
        const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
        assert.ok(csp, `${url}: no Content-Security-Policy meta`);
        const script = csp.split(';').find((d) => d.trim().startsWith('script-src'));
        assert.ok(script && !/unsafe-inline|unsafe-eval'|\*/.test(script.replace("'wasm-unsafe-eval'", '')), `${url}: ${script}`);
        assert.match(csp, /default-src 'none'/);
        const drawn = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].every((f) => f.shadowRoot.querySelector('canvas') && !f.shadowRoot.querySelector('[role=alert]')));
        assert.ok(drawn, `${url}: a figure did not draw`);
        assert.deepEqual(await page.evaluate(() => window.__violations), [], `${url}: the page's own content broke its policy`);
        // An inline script and an inline style attribute, as an injection would add them: neither takes effect.
        const injected = await page.evaluate(async () => {
          const s = document.createElement('script');
          s.textContent = 'window.__ran = true';
          document.body.append(s);
          const d = document.createElement('div');
          d.setAttribute('style', 'width: 123px');
          document.body.append(d);
          await new Promise((r) => setTimeout(r, 50));
          return { ran: window.__ran === true, width: d.getBoundingClientRect().width, violations: window.__violations.length };
        });
        assert.equal(injected.ran, false, `${url}: an injected inline script ran`);
        assert.notEqual(injected.width, 123, `${url}: an injected style attribute applied`);
        assert.ok(injected.violations >= 2, `${url}: the injections were not reported as violations`);
        assert.deepEqual(watch.failed, [], `${url}: ${watch.failed.join('; ')}`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('src=: same origin loads, data: and unlisted origins are refused, a listed one loads; hostile specs pollute nothing', async () => {
    const other = 'http://127.0.0.1:9';
    const spec = structuredClone(figures['lapicque-fire']);
    const specJson = JSON.stringify(spec);
    const hostile = JSON.stringify({ ...spec, controls: [{ ...spec.controls[0], path: '__proto__.polluted' }] });
    const protoKey = specJson.replace('"scenario":{', '"scenario":{"__proto__":{"polluted":1},');
    const figure = (attrs, inline) => `<snn-figure ${attrs}>${inline ? `<script type="application/json">${inline}</script>` : ''}</snn-figure>`;
    const html = (listed) => `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${other} data:; img-src 'self' data:; font-src 'self' data:">
${listed ? `<meta name="snn-figure-sources" content="${other}">` : ''}
<link rel="stylesheet" href="assets/style.css"><script type="module" src="assets/app.js"></script></head><body><main>
${figure('id="same" src="specs/ok.json"')}
${figure(`id="data" src="data:application/json,${encodeURIComponent(specJson)}"`)}
${figure(`id="other" src="${other}/spec.json"`)}
${figure('id="path"', hostile)}
${figure('id="key"', protoKey)}
</main></body></html>`;
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const fetched = [];
      await context.route(`${server.url}/specs/ok.json`, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: specJson }));
      await context.route(`${other}/spec.json`, (r) => {
        fetched.push(r.request().url());
        r.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: specJson });
      });
      for (const listed of [false, true]) {
        await context.route(`${server.url}/src-test.html`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html(listed) }));
        const page = await context.newPage();
        await page.goto(`${server.url}/src-test.html`);
        await page.evaluate(() => window.snnReady);
        await page.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
        const state = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('snn-figure')].map((f) => [f.id, {
          drawn: !!f.shadowRoot.querySelector('canvas'),
          error: f.shadowRoot.querySelector('[role=alert]')?.textContent ?? null,
        }])));
        const pollutedInPage = await page.evaluate(() => ({}).polluted !== undefined);
        await page.close();
        assert.equal(state.same.drawn, true, `same origin: ${state.same.error}`);
        assert.match(state.data.error ?? '', /is not on this page's origin/, 'data: was not refused');
        if (listed) assert.equal(state.other.drawn, true, `a listed origin: ${state.other.error}`);
        else assert.match(state.other.error ?? '', /snn-figure-sources/, 'an unlisted origin was not refused');
        assert.match(state.path.error ?? '', /"__proto__.polluted" names "__proto__"/);
        assert.match(state.key.error ?? '', /has a key "__proto__" at scenario/);
        assert.equal(pollutedInPage, false, 'Object.prototype was written');
      }
      assert.equal(fetched.length, 1, `the unlisted origin was fetched: ${fetched.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('the single file\'s policy is the same, its one inline script (snn-figure.js) hashed', () => {
    const single = readFileSync(join(distDir, 'snn-tutorial.html'), 'utf8');
    const csp = single.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
    // snn-figure.js's core decodes its own data: module without fetching it: no data: in connect-src.
    assert.match(csp, /connect-src 'self';/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+';/, 'the inline script hashed');
    assert.doesNotMatch(single.replace(/<script>[\s\S]*?<\/script>/g, ''), /\sstyle\s*=/, 'an inline style attribute is left');
  });
});
