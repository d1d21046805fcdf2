// Each figure's text alternative (the visually hidden, aria-live summary): the spike count and first spike
// times it states are those of the figure's own trace, recomputed here from runScenario in the page; after a
// slider moves, it is updated once the slider comes to rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, settle, watchPage } from './harness.js';

const env = serverAndBrowser();

// What the summary must say for a figure, computed from a fresh run of its current scenario.
const EXPECTED = async (ref) => {
  const f = document.querySelector(`snn-figure[ref="${ref}"]`);
  const snn = await window.snnReady;
  const trace = snn.runScenario(f.currentScenario());
  const spk = trace.get('spk');
  const steps = spk.shape[0];
  const width = spk.data.length / steps;
  let total = 0;
  let first = -1;
  for (let t = 0; t < steps; t++) {
    for (let n = 0; n < width; n++) {
      if (spk.data[t * width + n] === 0) continue;
      total++;
      if (n === 0 && first < 0) first = t;
    }
  }
  return { total, first, steps, text: [...f.shadowRoot.children].find((e) => e.matches('p.visually-hidden[aria-live]')).textContent };
};

test('the text alternative states the trace\'s spike count and first spike, and follows the slider', { timeout: 60_000 }, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${env.server.url}index.html`, { waitUntil: 'load' });
  await settle(page);
  await page.evaluate(() => document.querySelector('snn-figure[ref="leaky"]').ready);
  for (const ref of ['leaky', 'lapicque-fire', 'synaptic']) {
    await page.evaluate((r) => document.querySelector(`snn-figure[ref="${r}"]`).ready, ref);
    const e = await page.evaluate(EXPECTED, ref);
    assert.ok(e.total > 0, `${ref} fires at its defaults`);
    assert.match(e.text, new RegExp(`\\b${e.total} spikes in ${e.steps} steps; first spike step ${e.first}\\b`), `${ref}: ${e.text}`);
  }
  // Move the leaky figure's current up by keyboard: more spikes; the summary catches up once it rests.
  const slider = page.locator('snn-figure[ref="leaky"] input[type=range]').nth(1);
  await slider.focus();
  for (let k = 0; k < 10; k++) await slider.press('ArrowRight');
  // (waitForFunction would take the async predicate's promise for a truthy answer: poll instead.)
  let caughtUp = false;
  for (let i = 0; i < 50 && !caughtUp; i++) {
    const e = await page.evaluate(EXPECTED, 'leaky');
    caughtUp = e.text.includes(` ${e.total} spikes in `);
    if (!caughtUp) await page.waitForTimeout(100);
  }
  assert.ok(caughtUp, 'the summary did not follow the slider');
  const after = await page.evaluate(EXPECTED, 'leaky');
  assert.match(after.text, new RegExp(`\\b${after.total} spikes in ${after.steps} steps; first spike step ${after.first}\\b`));
  assert.deepEqual(watch.problems(), [], "console errors or failed requests");
  await context.close();
});
