// "Use in class" (web/src/classroom.js) in Debian's Chromium against dist/ (`node scripts/build-web.mjs
// --quiet` first):
//  1. every figure's page link names the section the figure sits in (section=<id>) beside its settings and
//     hidden parts; its embed link names no section
//  2. a teacher's page link, opened fresh by a student, lands at that section with the settings applied and
//     the ticked parts hidden
//  3. on embed.html the page link keeps figure=<id>, so it opens the same figure again
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, pageReady, serverAndBrowser, watchPage } from './harness.js';

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

// The classroom panel's two links, read after the panel has been opened (its toggle rewrites them).
async function classroomLinks(page, ref) {
  const box = page.locator(`${figureSelector(ref)} details.figure-classroom`);
  if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
  await frames(page);
  return {
    page: await box.locator('input[aria-label="Link for students"]').inputValue(),
    embed: await box.locator('input[aria-label^="Link to this figure alone"]').inputValue(),
  };
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

  test('a teacher\'s link lands the student at the figure\'s section, with its settings and hidden parts', { timeout: TIMEOUT }, async () => {
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
      assert.equal(params.get('lapicque-fire.amp'), String(amp), link);
      assert.deepEqual(params.get('hide').split(',').sort(), ['lapicque-fire.reset', 'lapicque-fire.title'], link);
      assert.equal(parts.length, 3, `the link carries more than the section, the setting and hide=: ${link}`);
      assert.deepEqual(teacher.watch.problems(), []);

      // A student opens it in a fresh tab, scrolled to nowhere in particular.
      const student = await context.newPage();
      const watch = watchPage(student);
      await student.goto(link, { waitUntil: 'load' });
      await pageReady(student);
      assert.equal(await student.evaluate(() => window.snnLanded), 'lapicque', 'the link did not land at the figure\'s section');
      await frames(student);
      const top = await student.evaluate(() => document.getElementById('lapicque').getBoundingClientRect().top);
      assert.ok(Math.abs(top) <= 2, `section #lapicque is ${top}px from the top of the viewport`);
      const values = await student.evaluate((sel) => ({ ...document.querySelector(sel).values }), figureSelector('lapicque-fire'));
      assert.equal(values.amp, amp);
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .control[data-key="reset"]`).isVisible(), false, 'the reset control is shown');
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .figure-title`).isVisible(), false, 'the title is shown');
      assert.equal(await student.locator(`${figureSelector('lapicque-fire')} .control[data-key="amp"]`).isVisible(), true, 'the current control is hidden');
      assert.deepEqual(watch.problems(), []);
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
