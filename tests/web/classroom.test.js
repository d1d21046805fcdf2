// "Use in class" (web/src/classroom.js) in Debian's Chromium against dist/ (`node scripts/build-web.mjs
// --quiet` first):
//  1. every figure's page link names the section the figure sits in (section=<id>) and the figure itself
//     (at=<id>) beside its settings and hidden parts; its embed link names no section
//  2. a teacher's page link, opened fresh by a student, lands with the figure itself at the top of the
//     window (not its section's top), the settings applied and the ticked parts hidden
//  3. on embed.html the page link keeps figure=<id>, so it opens the same figure again
//  4. the <iframe> offered is as tall as embed.html is at that width (with the ticked parts hidden)
//  5. the <snn-figure> offered works on a page of its own, with the settings; its script exists; a figure
//     on a page with no known site offers no link to one, until base-url names it
//  6. "Download this figure" saves one HTML file that shows the figure with its settings from file://,
//     with no network, also from the single file (which offers no embed.html: there is none beside it)
//  7. the Copy buttons put the text on the clipboard
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSnn } from '../../wasm/index.js';
import { fileOnly, frames, openReady, pageReady, serverAndBrowser, singleFileUrl, watchPage } from './harness.js';

const TIMEOUT = 60_000;

const env = serverAndBrowser();

function open(context, path) {
  return openReady(context, env.server.url + path);
}

// The hash of a link as { parts: [...], params: Map }.
function hashOf(link) {
  const parts = new URL(link).hash.replace(/^#/, '').split('&').filter(Boolean);
  return { parts, params: new Map(parts.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])) };
}

const figureSelector = (ref) => `snn-figure[ref="${ref}"]`;

// What the classroom panel offers, read after the panel has been opened (its toggle rewrites it): each
// field's text, or null where its row is not shown.
async function classroomLinks(page, selector) {
  const figure = selector.startsWith('snn-figure') ? selector : figureSelector(selector);
  const box = page.locator(`${figure} details.figure-classroom`);
  if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
  await frames(page);
  const field = async (css) => {
    const f = box.locator(css);
    return (await f.isVisible()) ? f.inputValue() : null;
  };
  return {
    page: await field('input[aria-label="Link for students"]'),
    embed: await field('input[aria-label^="Link to this figure alone"]'),
    iframe: await field('textarea[aria-label^="An iframe"]'),
    element: await field('textarea[aria-label^="A snn-figure element"]'),
    note: (await box.locator('.classroom-note').isVisible()) ? await box.locator('.classroom-note').textContent() : null,
  };
}

// Ticks the parts to hide in a figure's open classroom panel.
async function tick(page, ref, keys) {
  const box = page.locator(`${figureSelector(ref)} details.figure-classroom`);
  for (const key of keys) await box.locator(`input[type=checkbox][value="${key}"]`).check();
}

// Moves a figure's slider by keyboard; resolves to its new value.
async function nudge(page, ref, key, presses) {
  const range = page.locator(`${figureSelector(ref)} .control[data-key="${key}"] input[type=range]`);
  await range.focus();
  for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
  await frames(page);
  return Number(await range.inputValue());
}

// The attributes of the first <snn-figure> in a piece of HTML.
function elementAttributes(html) {
  const tag = html.match(/<snn-figure\b([^>]*)>/);
  assert.ok(tag, `no <snn-figure> in ${html}`);
  const unescape = (v) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Object.fromEntries([...tag[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])]));
}

describe('Use in class', { timeout: TIMEOUT * 3 }, () => {
  test('every figure\'s page link names its section; the embed link names none', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html');
      const figures = await page.evaluate(() => [...document.querySelectorAll('snn-figure[ref]')].map((f) => ({
        ref: f.getAttribute('ref'),
        section: f.closest('section[id]')?.id ?? null,
      })));
      assert.ok(figures.length >= 10, `only ${figures.length} figures on index.html`);
      for (const { ref, section } of figures) {
        assert.ok(section, `${ref} is in no <section id>`);
        const links = await classroomLinks(page, ref);
        const pageHash = hashOf(links.page);
        assert.equal(pageHash.params.get('section'), section, `${ref}: the page link ${links.page} does not name section ${section}`);
        assert.equal(pageHash.params.get('at'), ref, `${ref}: the page link ${links.page} does not name the figure`);
        assert.equal(new URL(links.page).pathname, new URL(page.url()).pathname, `${ref}: the page link leaves the page`);
        const embedHash = hashOf(links.embed);
        assert.equal(embedHash.params.get('figure'), ref, `${ref}: the embed link ${links.embed}`);
        assert.equal(embedHash.params.has('section'), false, `${ref}: the embed link names a section: ${links.embed}`);
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('a teacher\'s link lands the student at the figure itself, with its settings and hidden parts', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const teacher = await open(context, 'index.html');
      // The teacher changes the current, then ticks the reset control and the title to hide them.
      const range = teacher.page.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"] input[type=range]`);
      await range.focus();
      for (let i = 0; i < 5; i++) await teacher.page.keyboard.press('ArrowRight');
      await frames(teacher.page);
      const amp = Number(await range.inputValue());
      assert.notEqual(amp, 0.2, 'the slider did not move');
      await classroomLinks(teacher.page, 'lapicque-fire');
      const box = teacher.page.locator(`${figureSelector('lapicque-fire')} details.figure-classroom`);
      await box.locator('input[type=checkbox][value="reset"]').check();
      await box.locator('input[type=checkbox][value="title"]').check();
      const { page: link } = await classroomLinks(teacher.page, 'lapicque-fire');
      const { params, parts } = hashOf(link);
      assert.equal(params.get('section'), 'lapicque', link);
      assert.equal(params.get('at'), 'lapicque-fire', link);
      assert.equal(params.get('lapicque-fire.amp'), String(amp), link);
      assert.deepEqual(params.get('hide').split(',').sort(), ['lapicque-fire.reset', 'lapicque-fire.title'], link);
      assert.equal(parts.length, 4, `the link carries more than the section, the figure, the setting and hide=: ${link}`);
      assert.deepEqual(teacher.watch.problems(), []);

      // A student opens it in a fresh tab, scrolled to nowhere in particular.
      const student = await context.newPage();
      const watch = watchPage(student);
      await student.goto(link, { waitUntil: 'load' });
      await pageReady(student);
      assert.equal(await student.evaluate(() => window.snnLanded), 'lapicque', 'the link did not land in the figure\'s section');
      await frames(student);
      // The figure is not the first of its section: landing at the section would leave it far below.
      const tops = await student.evaluate((sel) => ({ figure: document.querySelector(sel).getBoundingClientRect().top, section: document.getElementById('lapicque').getBoundingClientRect().top }), figureSelector('lapicque-fire'));
      assert.ok(Math.abs(tops.figure) <= 2, `the figure is ${tops.figure}px from the top of the viewport`);
      assert.ok(tops.section < -500, `the section's top is ${tops.section}px: the figure is not far into it`);
      const values = await student.evaluate((sel) => ({ ...document.querySelector(sel).values }), figureSelector('lapicque-fire'));
      assert.equal(values.amp, amp);
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .control[data-key="reset"]`).isVisible(), false, 'the reset control is shown');
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .figure-title`).isVisible(), false, 'the title is shown');
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"]`).isVisible(), true, 'the current control is hidden');
      assert.deepEqual(watch.problems(), []);

      // A link made elsewhere names only the figure: the page finds its section and lands at it too.
      const other = await context.newPage();
      const watchOther = watchPage(other);
      await other.goto(`${env.server.url}index.html#at=reset-compare&reset-compare.p=0.4`, { waitUntil: 'load' });
      await pageReady(other);
      assert.equal(await other.evaluate(() => window.snnLanded), 'lapicque');
      await frames(other);
      const top = await other.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, figureSelector('reset-compare'));
      assert.ok(Math.abs(top) <= 2, `reset-compare is ${top}px from the top of the viewport`);
      // The next change writes the URL with the section the figure is in.
      await nudge(other, 'reset-compare', 'p', 1);
      await other.waitForFunction(() => /section=lapicque&at=reset-compare&reset-compare\.p=/.test(location.hash), null, { timeout: 5000 })
        .catch(async () => assert.fail(`the URL became ${await other.evaluate(() => location.hash)}`));
      assert.deepEqual(watchOther.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('on embed.html the page link keeps the figure it shows', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 900, height: 800 } });
    try {
      const { page, watch } = await open(context, 'embed.html#figure=lapicque-fire&lapicque-fire.thr=0.5');
      const links = await classroomLinks(page, 'lapicque-fire');
      const { params } = hashOf(links.page);
      assert.equal(params.get('figure'), 'lapicque-fire', links.page);
      assert.equal(params.get('lapicque-fire.thr'), '0.5', links.page);
      assert.equal(params.has('section'), false, links.page);

      const again = await context.newPage();
      const watchAgain = watchPage(again);
      await again.goto(links.page, { waitUntil: 'load' });
      await pageReady(again);
      assert.equal(await again.locator('.figure-notice:visible').count(), 0, 'the page link shows a notice instead of the figure');
      assert.equal(await again.evaluate(() => document.querySelector('snn-figure')?.values.thr), 0.5);
      assert.deepEqual([...watch.problems(), ...watchAgain.problems()], []);
    } finally {
      await context.close();
    }
  });
});

describe('what "Use in class" hands a teacher', { timeout: TIMEOUT * 6 }, () => {
  test('the <iframe> is as tall as embed.html is at the figure\'s width, with the ticked parts hidden', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html');
      for (const [ref, hidden] of [['lapicque-fire', ['reset', 'title']], ['lif-reset', ['*']], ['network', []]]) {
        await classroomLinks(page, ref);
        await tick(page, ref, hidden);
        const { iframe } = await classroomLinks(page, ref);
        const frame = iframe.match(/<iframe\b[^>]*\bsrc="([^"]+)"[^>]*\bheight="(\d+)"/);
        assert.ok(frame, `${ref}: no iframe with a src and a height: ${iframe}`);
        assert.match(iframe, /\bdata-snn-embed\b/, `${ref}: the iframe is not marked for snn-embed.js`);
        assert.match(iframe, /<script src="[^"]+\/snn-embed\.js" async><\/script>/, `${ref}: no snn-embed.js`);
        const src = frame[1].replace(/&amp;/g, '&');
        const offered = Number(frame[2]);
        // embed.html in a window as wide as the figure plus embed.html's padding, tall enough for no scrollbar.
        const width = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().width, figureSelector(ref));
        const embedded = await context.newPage();
        await embedded.setViewportSize({ width: Math.round(width) + 16, height: 2000 });
        await embedded.goto(src, { waitUntil: 'load' });
        await pageReady(embedded);
        const needed = await embedded.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        assert.ok(offered >= needed && offered <= needed + 40, `${ref} hiding ${hidden}: the iframe offered is ${offered} px, embed.html needs ${needed} px`);
        await embedded.close();
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('the <snn-figure> offered works on a page of its own; links to the site only where it is known', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const { page, watch } = await open(context, 'index.html');
      const amp = await nudge(page, 'lapicque-fire', 'amp', 3);
      await classroomLinks(page, 'lapicque-fire');
      await tick(page, 'lapicque-fire', ['thr', 'caption']);
      const { element } = await classroomLinks(page, 'lapicque-fire');
      const script = element.match(/<script src="([^"]+)"><\/script>/);
      assert.ok(script, element);
      assert.equal(script[1], `${env.server.url}snn-figure.js`);
      assert.deepEqual(elementAttributes(element), { ref: 'lapicque-fire', 'param-amp': String(amp), hide: 'thr caption' });

      // A course page (on the site's server, but not one of its pages) with exactly that snippet.
      const course = `${env.server.url}course-page.html`;
      await context.route(course, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>\n${element}\n</body></html>` }));
      const { page: student, watch: watchStudent } = await openReady(context, course);
      const shown = await student.evaluate(() => {
        const f = document.querySelector('snn-figure');
        const visible = (e) => Boolean(e && e.getClientRects().length);
        return { values: f.values, thr: visible(f.shadowRoot.querySelector('.control[data-key="thr"]')), caption: visible(f.shadowRoot.querySelector('.figure-caption')), hash: f.trace.hash(), scenario: f.currentScenario() };
      });
      assert.equal(shown.values.amp, amp);
      assert.deepEqual([shown.thr, shown.caption], [false, false], 'the ticked parts are shown');
      const snn = await loadSnn();
      assert.equal(shown.hash, snn.runScenario(shown.scenario).hash());

      // There the site is unknown: no page link, no frame, a note that says why; the element's script is
      // named as a file to put beside the page.
      let offered = await classroomLinks(student, 'snn-figure');
      assert.deepEqual([offered.page, offered.embed, offered.iframe], [null, null, null], JSON.stringify(offered));
      assert.match(offered.note, /No hosted copy of the site is known here/);
      assert.match(offered.element, /^<script src="snn-figure\.js"><\/script>/);
      // base-url names the site: the links come, and lead to pages that exist.
      await student.evaluate((base) => document.querySelector('snn-figure').setAttribute('base-url', base), env.server.url);
      await student.locator('snn-figure details.figure-classroom summary').click();
      offered = await classroomLinks(student, 'snn-figure');
      assert.equal(offered.note, null);
      assert.ok(offered.page.startsWith(`${env.server.url}index.html#at=lapicque-fire&lapicque-fire.amp=`), offered.page);
      assert.ok(offered.embed.startsWith(`${env.server.url}embed.html#figure=lapicque-fire&lapicque-fire.amp=`), offered.embed);
      for (const url of [offered.page, offered.embed, `${env.server.url}snn-embed.js`]) {
        const response = await student.request.get(url);
        assert.equal(response.status(), 200, `${url}: HTTP ${response.status()}`);
      }
      assert.deepEqual([...watch.problems(), ...watchStudent.problems()], []);
    } finally {
      await context.close();
    }
  });

  test('"Download this figure" saves one file that shows it with its settings from file://, with no network', { timeout: TIMEOUT * 2 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-download-'));
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 }, acceptDownloads: true });
    const offline = await env.browser.newContext({ viewport: { width: 900, height: 800 } });
    try {
      const network = await fileOnly(offline);
      // Saves the download the click starts, opens it offline, and reads the figure it shows.
      const saveAndOpen = async (page, ref, name) => {
        const box = page.locator(`${figureSelector(ref)} details.figure-classroom`);
        const [download] = await Promise.all([page.waitForEvent('download'), box.locator('button.classroom-download').click()]);
        assert.equal(download.suggestedFilename(), `${ref}.html`);
        const file = join(dir, name);
        await download.saveAs(file);
        const saved = await offline.newPage();
        const watch = watchPage(saved);
        await saved.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await saved.waitForFunction(() => document.querySelector('snn-figure')?.ready, null, { timeout: 20_000 });
        await saved.evaluate(() => document.querySelector('snn-figure').ready);
        const shown = await saved.evaluate(() => {
          const f = document.querySelector('snn-figure');
          return { values: f.values, hash: f.trace?.hash(), title: Boolean(f.shadowRoot.querySelector('.figure-title')?.getClientRects().length), scripts: document.scripts.length, alert: f.shadowRoot.querySelector('[role=alert]')?.textContent ?? null };
        });
        assert.deepEqual(watch.problems(), [], `${name}: ${watch.problems().join('\n')}`);
        await saved.close();
        return shown;
      };

      const { page, watch } = await open(context, 'index.html');
      const amp = await nudge(page, 'lapicque-fire', 'amp', 4);
      const hash = await page.evaluate((sel) => document.querySelector(sel).trace.hash(), figureSelector('lapicque-fire'));
      await classroomLinks(page, 'lapicque-fire');
      await tick(page, 'lapicque-fire', ['title']);
      const fromSite = await saveAndOpen(page, 'lapicque-fire', 'from-site.html');
      assert.deepEqual(fromSite, { values: { amp, thr: 1, reset: 'subtract' }, hash, title: false, scripts: 1, alert: null });
      assert.deepEqual(watch.problems(), []);

      // The single file, opened from disk: no site beside it, so no embed.html or page link is offered;
      // the download works all the same (the script copies itself).
      const single = await context.newPage();
      const watchSingle = watchPage(single);
      await single.goto(singleFileUrl, { waitUntil: 'load' });
      await pageReady(single);
      const offered = await classroomLinks(single, 'leaky');
      assert.deepEqual([offered.page, offered.embed, offered.iframe], [null, null, null], `the single file offers links: ${JSON.stringify(offered)}`);
      assert.match(offered.note, /No hosted copy/);
      assert.equal(await single.evaluate(() => document.querySelector('snn-figure[ref="leaky"]').shadowRoot.querySelector('.figure-playground')), null, 'the single file links to a playground that is not beside it');
      const singleHash = await single.evaluate((sel) => document.querySelector(sel).trace.hash(), figureSelector('leaky'));
      const fromSingle = await saveAndOpen(single, 'leaky', 'from-single.html');
      assert.equal(fromSingle.hash, singleHash);
      assert.equal(fromSingle.alert, null);
      assert.deepEqual(watchSingle.problems(), []);
      assert.deepEqual([...new Set(network)], [], 'a downloaded figure tried the network');
    } finally {
      await context.close();
      await offline.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the Copy buttons put each text on the clipboard', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
      const { page, watch } = await open(context, 'index.html');
      await classroomLinks(page, 'alpha');
      const box = page.locator(`${figureSelector('alpha')} details.figure-classroom`);
      const rows = box.locator('.classroom-row');
      assert.equal(await rows.count(), 4);
      for (let i = 0; i < 4; i++) {
        const row = rows.nth(i);
        const text = await row.locator('.classroom-link').inputValue();
        await row.locator('button').click();
        await page.waitForFunction(() => document.querySelector('snn-figure[ref="alpha"]').shadowRoot.querySelector('.classroom-status').textContent === 'Copied.', null, { timeout: 5000 });
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, `row ${i}`);
        await page.evaluate(() => { document.querySelector('snn-figure[ref="alpha"]').shadowRoot.querySelector('.classroom-status').textContent = ''; });
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});
