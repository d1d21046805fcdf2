// embedding.html, the guide for teachers, in Debian's Chromium against dist/ (`node scripts/build-web.mjs
// --quiet` first): a recipe for each kind of course page; the recipes name this site's address; the gallery
// shows every figure of web/src/figures.js by its id, drawn live, with the param-<key> attributes its
// controls take (their labels and ranges those of the figure itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figures } from '../../web/src/figures.js';
import { openReady, serverAndBrowser } from './harness.js';

const env = serverAndBrowser();

test('the guide: recipes with this site\'s address, and a live gallery of every figure and its parameters', { timeout: 90_000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const { page, watch } = await openReady(context, `${env.server.url}embedding.html`);
    const text = await page.evaluate(() => document.querySelector('main').textContent.replace(/\s+/g, ' '));
    for (const kind of ['Plain HTML', 'Jupyter Book', 'MyST', 'MkDocs', 'Moodle', 'Canvas', 'Content-Security-Policy', "'wasm-unsafe-eval'"]) {
      assert.ok(text.includes(kind), `no recipe for ${kind}`);
    }
    const codes = await page.evaluate(() => [...document.querySelectorAll('pre code')].map((c) => c.textContent));
    const origin = new URL(env.server.url).origin;
    assert.ok(codes.some((c) => c.includes(`<script src="${origin}/snn-figure.js"></script>`)), 'the element recipe does not name this site');
    assert.ok(codes.some((c) => c.includes(`:::{iframe} ${origin}/embed.html#figure=`)), 'no MyST iframe directive with this site');
    assert.ok(codes.some((c) => /<iframe src="[^"]+\/embed\.html#figure=[^"]+"[^>]*data-snn-embed/.test(c) && c.includes('/snn-embed.js')), 'no iframe recipe with snn-embed.js');
    assert.equal(await page.locator('[data-snn-base]', { hasText: '<where the site is>' }).count(), 0, 'a recipe still has the placeholder');

    const cards = await page.evaluate(() => [...document.querySelectorAll('#gallery .gallery-card')].map((card) => {
      const f = card.querySelector('snn-figure');
      const visible = (e) => Boolean(e && e.getClientRects().length);
      return {
        id: card.querySelector('h3').textContent,
        ref: f.getAttribute('ref'),
        // (Bars and a sweep's curve have no time axis, whose edges data-plot-* give.)
        drawn: [...f.shadowRoot.querySelectorAll('canvas')].every((c) => c.hasAttribute('data-plot-left') || c.matches('.panel-bars, .panel-fi-curve')) && f.traces !== null,
        controlsShown: visible(f.shadowRoot.querySelector('.figure-controls')),
        rows: [...card.querySelectorAll('table.gallery-params tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
        controls: f.controls.map((c) => ({ key: c.key, label: c.label })),
      };
    }));
    assert.deepEqual(cards.map((c) => c.id), Object.keys(figures), 'the gallery does not show every figure, in order');
    for (const card of cards) {
      assert.equal(card.ref, card.id);
      assert.ok(card.drawn, `${card.id}: the thumbnail is not drawn`);
      assert.equal(card.controlsShown, false, `${card.id}: the thumbnail shows its controls`);
      assert.deepEqual(card.rows.map((r) => [r[0], r[1]]), card.controls.map((c) => [`param-${c.key.toLowerCase()}`, c.label]), `${card.id}: the parameters`);
    }
    const fire = cards.find((c) => c.id === 'lapicque-fire');
    assert.deepEqual(fire.rows[0], ['param-amp', 'Input current', '0.2', '0 … 0.5 (step 0.01)']);
    assert.deepEqual(fire.rows[2], ['param-reset', 'Reset mechanism', 'subtract', 'subtract | zero | none']);
    assert.deepEqual(watch.problems(), []);
  } finally {
    await context.close();
  }
});
