// Section links and figure settings share the URL hash (web/src/page-state.js), in Debian's Chromium against
// dist/ (`node scripts/build-web.mjs --quiet` first):
//  1. a table-of-contents click keeps every figure's settings, in the page and in the URL, and names the section
//  2. a reload of that URL, and the same URL opened fresh (a shared link), land at the section with the settings
//  3. Back and Forward move between the sections visited; settings changed meanwhile are kept
//  4. a plain #anchor typed into the page, and a typed #section=..., keep the settings too
//  5. without JavaScript the table of contents is plain anchors that still work
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, pageReady, serverAndBrowser, watchPage } from './harness.js';

const TIMEOUT = 60_000;

const env = serverAndBrowser();

function open(context, path) {
  return openReady(context, env.server.url + path);
}

const values = (page, ref) => page.evaluate((r) => ({ ...document.querySelector(`snn-figure[ref="${r}"]`).values }), ref);
const hashParts = (page) => page.evaluate(() => location.hash.replace(/^#/, '').split('&').filter(Boolean));

// Where a section's top is, relative to the top of the viewport (CSS px).
const sectionTop = (page, id) => page.evaluate((i) => document.getElementById(i).getBoundingClientRect().top, id);

// The page keeps a section on target over a few frames while the sections around it are laid out for the
// first time (they are skipped until needed): allow it half a second to settle.
async function settledTop(page, id) {
  let top = await sectionTop(page, id);
  for (let i = 0; i < 25 && Math.abs(top) > 2; i++) {
    await page.waitForTimeout(20);
    top = await sectionTop(page, id);
  }
  return top;
}

async function assertAt(page, id, label) {
  const top = await settledTop(page, id);
  assert.ok(Math.abs(top) <= 2, `${label}: section #${id} is ${top}px from the top of the viewport`);
}

// Moves a slider with the keyboard and waits until the hash holds the new value.
async function moveSlider(page, ref, key, press, times) {
  const range = page.locator(`snn-figure[ref="${ref}"] .control[data-key="${key}"] input[type=range]`);
  await range.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(press);
  await frames(page);
  const value = Number(await range.inputValue());
  await page.waitForFunction((part) => location.hash.includes(part), `${ref}.${key}=${value}`, { timeout: 5000 });
  return value;
}

describe('table of contents and figure settings', { timeout: TIMEOUT * 3 }, () => {
  test('a TOC click keeps the settings; reload and a shared link land at the section with them', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html');
      const amp = await moveSlider(page, 'lapicque-fire', 'amp', 'ArrowRight', 3);
      const beta = await moveSlider(page, 'leaky', 'beta', 'ArrowLeft', 2);
      const before = { fire: await values(page, 'lapicque-fire'), leaky: await values(page, 'leaky') };
      assert.equal(before.fire.amp, amp);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('nav.toc a[href="#network"]');
      await page.waitForFunction(() => location.hash.includes('section=network'), null, { timeout: 5000 });
      await frames(page);
      const parts = await hashParts(page);
      assert.ok(parts.includes('section=network'), `hash ${parts.join('&')} lacks the section`);
      assert.ok(parts.includes(`lapicque-fire.amp=${amp}`), `hash ${parts.join('&')} lost lapicque-fire.amp`);
      assert.ok(parts.includes(`leaky.beta=${beta}`), `hash ${parts.join('&')} lost leaky.beta`);
      assert.deepEqual(await values(page, 'lapicque-fire'), before.fire, 'the click changed a figure');
      assert.deepEqual(await values(page, 'leaky'), before.leaky, 'the click changed a figure');
      await assertAt(page, 'network', 'after the click');
      const hash = await page.evaluate(() => location.hash);

      await page.reload({ waitUntil: 'load' });
      await pageReady(page);
      assert.equal(await page.evaluate(() => location.hash), hash, 'the reload changed the hash');
      assert.equal(await page.evaluate(() => window.snnLanded), 'network');
      await assertAt(page, 'network', 'after the reload');
      assert.deepEqual(await values(page, 'lapicque-fire'), before.fire, 'settings after reload');
      assert.deepEqual(await values(page, 'leaky'), before.leaky, 'settings after reload');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));

      // The same URL in a new tab (a shared link): no scroll position to restore, it lands by itself.
      const shared = await context.newPage();
      const sharedWatch = watchPage(shared);
      await shared.goto(env.server.url + 'index.html' + hash, { waitUntil: 'load' });
      await pageReady(shared);
      await assertAt(shared, 'network', 'a shared link');
      assert.deepEqual(await values(shared, 'lapicque-fire'), before.fire, 'settings from a shared link');
      // A section deep in the page, named before the settings, in a hand-written link.
      await shared.goto('about:blank');
      await shared.goto(`${env.server.url}index.html#section=encoders&lapicque-fire.thr=0.5`, { waitUntil: 'load' });
      await pageReady(shared);
      await assertAt(shared, 'encoders', 'a hand-written link');
      assert.equal((await values(shared, 'lapicque-fire')).thr, 0.5);
      assert.deepEqual(sharedWatch.problems(), [], sharedWatch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('Back and Forward move between sections and keep the settings', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html');
      const amp = await moveSlider(page, 'lapicque-fire', 'amp', 'ArrowRight', 2);
      await page.click('nav.toc a[href="#synaptic"]');
      await page.waitForFunction(() => location.hash.includes('section=synaptic'), null, { timeout: 5000 });
      await frames(page);
      // A setting changed while at #synaptic...
      const alpha = await moveSlider(page, 'synaptic', 'alpha', 'ArrowLeft', 3);
      // Clicked where the reader is (a scripted click does not scroll up to the TOC first).
      const leftSynapticAt = await page.evaluate(() => window.scrollY);
      await page.evaluate(() => document.querySelector('nav.toc a[href="#alpha"]').click());
      await page.waitForFunction(() => location.hash.includes('section=alpha'), null, { timeout: 5000 });
      await frames(page);
      await assertAt(page, 'alpha', 'after the second click');
      const settled = { fire: await values(page, 'lapicque-fire'), synaptic: await values(page, 'synaptic') };

      // ...and one more after it: Back must not undo either.
      const beta = await moveSlider(page, 'alpha', 'beta', 'ArrowLeft', 2);
      settled.alpha = await values(page, 'alpha');
      const leftAlphaAt = await page.evaluate(() => window.scrollY);

      await page.goBack();
      await page.waitForFunction(() => location.hash.includes('section=synaptic'), null, { timeout: 5000 });
      await frames(page);
      let parts = await hashParts(page);
      for (const part of [`lapicque-fire.amp=${amp}`, `synaptic.alpha=${alpha}`, `alpha.beta=${beta}`])
        assert.ok(parts.includes(part), `after Back, hash ${parts.join('&')} lacks ${part}`);
      assert.deepEqual(await values(page, 'alpha'), settled.alpha, 'Back changed a figure');
      assert.deepEqual(await values(page, 'synaptic'), settled.synaptic, 'Back changed a figure');
      // Back brings the reader to where they were when they left (the browser's own scroll restoration; the
      // page does not jump elsewhere).
      const backAt = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(backAt - leftSynapticAt) <= 2, `after Back the page is at ${backAt}, the reader left at ${leftSynapticAt}`);

      await page.goBack(); // the entry the page was opened with: no section
      await page.waitForFunction(() => !location.hash.includes('section='), null, { timeout: 5000 });
      await frames(page);
      parts = await hashParts(page);
      for (const part of [`lapicque-fire.amp=${amp}`, `synaptic.alpha=${alpha}`, `alpha.beta=${beta}`])
        assert.ok(parts.includes(part), `after Back to the start, hash ${parts.join('&')} lacks ${part}`);

      await page.goForward();
      await page.goForward();
      await page.waitForFunction(() => location.hash.includes('section=alpha'), null, { timeout: 5000 });
      await frames(page);
      assert.ok((await hashParts(page)).includes(`alpha.beta=${beta}`));
      assert.deepEqual(await values(page, 'alpha'), settled.alpha, 'Forward changed a figure');
      assert.deepEqual(await values(page, 'lapicque-fire'), settled.fire, 'Forward changed a figure');
      const forwardAt = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(forwardAt - leftAlphaAt) <= 2, `after Forward the page is at ${forwardAt}, the reader left at ${leftAlphaAt}`);

      // A reload after Back and Forward: still the section and the settings.
      await page.reload({ waitUntil: 'load' });
      await pageReady(page);
      await assertAt(page, 'alpha', 'reload after Forward');
      assert.deepEqual(await values(page, 'alpha'), settled.alpha);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('any in-page anchor or a typed #section keeps the settings; a link with settings still applies', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html#lapicque-fire.amp=0.3');
      assert.equal((await values(page, 'lapicque-fire')).amp, 0.3);
      await page.evaluate(() => { location.hash = '#leaky'; });
      await page.waitForFunction(() => location.hash.includes('section=leaky'), null, { timeout: 5000 });
      assert.ok((await hashParts(page)).includes('lapicque-fire.amp=0.3'));
      await page.evaluate(() => { location.hash = '#section=closing'; });
      await page.waitForFunction(() => location.hash.includes('lapicque-fire.amp=0.3'), null, { timeout: 5000 });
      await frames(page);
      assert.ok((await hashParts(page)).includes('section=closing'));
      const top = await settledTop(page, 'closing');
      // The last section may be too short to reach the top: it is then in view, at the bottom of the page.
      const atBottom = await page.evaluate(() => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2);
      assert.ok(Math.abs(top) <= 2 || atBottom, `#closing is ${top}px from the top`);
      // A link that carries settings: the figure follows it, the section is taken too.
      await page.evaluate(() => { location.hash = '#section=lapicque&lapicque-fire.amp=0.4'; });
      await page.waitForFunction(() => document.querySelector('snn-figure[ref="lapicque-fire"]').values.amp === 0.4, null, { timeout: 5000 });
      await frames(page);
      await assertAt(page, 'lapicque', 'a link with settings and a section');
      // Junk and hostile section names are ignored, never looked up as selectors or inserted.
      await page.evaluate(() => { location.hash = '#section=<img src=x onerror=window.__pwned=1>'; });
      await frames(page);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.ok(!(await page.evaluate(() => location.hash)).includes('section='), 'a hostile section was written back');
      assert.equal((await values(page, 'lapicque-fire')).amp, 0.4, 'a hostile section changed a figure');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the table of contents is plain working anchors', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(env.server.url + 'index.html', { waitUntil: 'load' });
      const links = await page.evaluate(() => [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href')));
      assert.ok(links.length >= 8);
      for (const href of links) {
        assert.match(href, /^#[A-Za-z][\w-]*$/, `TOC link ${href} is not a plain anchor`);
        assert.ok(await page.evaluate((id) => Boolean(document.getElementById(id)), href.slice(1)), `${href} names no element`);
      }
      await page.click('nav.toc a[href="#alpha"]');
      assert.equal(new URL(page.url()).hash, '#alpha');
      await assertAt(page, 'alpha', 'without JavaScript');
    } finally {
      await context.close();
    }
  });
});
