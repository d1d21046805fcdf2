// What one slider move writes to the page, on index.html (17 figures, ~200 form controls): only its own
// number field and the figure's canvases. Every other write costs the browser work in the frame of the
// move, however little it changes:
//  - a select's selectedIndex written again, even with the option already chosen, is reported to
//    Chromium's autofill, which then reads every form control of the page (each read a forced style update:
//    ~230 per move on this page, 7-9 ms under tracing) in a task before the next frame;
//  - an attribute written with its old value (the notice's `hidden`) still invalidates style;
//  - text fields written inside a closed <details> (the "Use in class" links) are restyled and laid out.
// The text alternative (aria-live) is allowed to change: it is updated once the slider rests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser } from './harness.js';

const env = serverAndBrowser();

// Installed once: records DOM mutations, selectedIndex writes and input value writes while `armed`.
const SPY = () => {
  const spy = { armed: false, writes: [], traces: 0 };
  window.__spy = spy;
  const name = (node) => {
    const e = node.nodeType === 1 ? node : node.parentElement;
    if (!e) return String(node.nodeName);
    const figure = e.closest('snn-figure');
    const where = figure ? `${figure.getAttribute('ref')}: ` : '';
    return `${where}${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().replace(/\s+/g, '.')}` : ''}`;
  };
  const summaryOf = (node) => {
    const e = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(e && e.closest('snn-figure > p.visually-hidden[aria-live]'));
  };
  new MutationObserver((records) => {
    if (!spy.armed) return;
    for (const r of records) {
      if (summaryOf(r.target)) continue;
      spy.writes.push(`${r.type}${r.attributeName ? ` [${r.attributeName}]` : ''} on ${name(r.target)}`);
    }
  }).observe(document.documentElement, { subtree: true, attributes: true, childList: true, characterData: true });
  const wrap = (proto, prop, allowed) => {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    Object.defineProperty(proto, prop, {
      ...d,
      set(value) {
        if (spy.armed && !allowed(this)) spy.writes.push(`${prop} = ${JSON.stringify(String(value)).slice(0, 40)} on ${name(this)}`);
        d.set.call(this, value);
      },
    });
  };
  // The moved control's own range and number fields are the only inputs a move may write.
  wrap(HTMLInputElement.prototype, 'value', (input) => Boolean(spy.row && spy.row.contains(input)));
  wrap(HTMLSelectElement.prototype, 'selectedIndex', () => false);
  wrap(HTMLSelectElement.prototype, 'value', () => false);
  document.addEventListener('snn-trace', () => {
    if (spy.armed) spy.traces++;
  }, true);
};

test('a slider move writes only its own number field and the plot, on every figure of index.html', { timeout: 120_000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 800 } });
  try {
    const { page, watch } = await openReady(context, `${env.server.url}index.html`);
    await page.evaluate(SPY);
    const refs = await page.evaluate(() => [...document.querySelectorAll('snn-figure[ref]')]
      .filter((f) => f.querySelector('.figure-controls input[type=range]'))
      .map((f) => f.getAttribute('ref')));
    assert.ok(refs.length >= 15, `only ${refs.length} figures with a slider`);
    const failures = [];
    for (const ref of refs) {
      const range = page.locator(`snn-figure[ref="${ref}"] .figure-controls input[type=range]`).first();
      await range.scrollIntoViewIfNeeded();
      await range.focus();
      await frames(page);
      await page.evaluate((r) => {
        const spy = window.__spy;
        spy.row = document.querySelector(`snn-figure[ref="${r}"] .figure-controls input[type=range]`).closest('.control');
        spy.writes = [];
        spy.traces = 0;
        spy.armed = true;
      }, ref);
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft']) {
        await page.keyboard.press(key);
        await frames(page);
      }
      const { writes, traces } = await page.evaluate(() => {
        const spy = window.__spy;
        spy.armed = false;
        return { writes: spy.writes, traces: spy.traces };
      });
      assert.ok(traces >= 2, `${ref}: the keyboard moves simulated ${traces} times`);
      if (writes.length) failures.push(`${ref}: ${[...new Set(writes)].join('; ')}`);
    }
    assert.deepEqual(failures, [], `slider moves wrote more than their own controls:\n${failures.join('\n')}`);
    assert.deepEqual(watch.problems(), []);
  } finally {
    await context.close();
  }
});
