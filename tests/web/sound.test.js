// "Hear the spikes" (web/src/sonify.js) in Debian's Chromium, on index.html. Every AudioContext the page
// makes is counted (the constructor wrapped before the page's scripts run):
//  1. off by default: reading, moving sliders and playing the network make no AudioContext
//  2. on (a click): one AudioContext; the clicks scheduled are the spikes of the figure's last raster as
//     the trace has them (steps, rows, one pitch per row, later steps later), for one neuron, ten encoder rows
//     and the network's animation; pressing it again stops them and nothing more is scheduled
//  3. the URL (sync-url): sound=on is written and, on reload, arms the sound, which makes its AudioContext at
//     the reader's first click in the figure, not before; under prefers-reduced-motion a link never turns
//     it on, and the reader's own press still does
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frames, openReady, serverAndBrowser, withContext } from './harness.js';

const TIMEOUT = 90_000;
const env = serverAndBrowser();

const DESKTOP = { viewport: { width: 1280, height: 900 } };

// index.html (with `hash`), every AudioContext it makes counted in window.audioContexts.
const open = (context, hash = '') => openReady(context, `${env.server.url}index.html${hash}`, () => {
  window.audioContexts = 0;
  const Native = window.AudioContext;
  window.AudioContext = class extends Native {
    constructor(...args) {
      super(...args);
      window.audioContexts++;
    }
  };
});

// A click on the firing figure's membrane plot: a gesture in the figure.
async function clickPlot(page) {
  const canvas = page.locator('snn-figure[ref="lapicque-fire"] canvas').nth(1);
  await canvas.scrollIntoViewIfNeeded();
  await canvas.click();
}

// The clicks a figure scheduled, and the spikes its trace says they should be: [step, row] of every
// non-zero entry of the array its last raster shows (an encoder figure's input), in step then row order.
function clicksAndSpikes(page, ref, array) {
  return page.evaluate(([r, name]) => {
    const f = document.querySelector(`snn-figure[ref="${r}"]`);
    const trace = f.traces[0];
    const arr = name === 'input' ? trace.input : trace.get(name);
    const width = arr.data.length / arr.shape[0];
    const spikes = [];
    for (let t = 0; t < arr.shape[0]; t++) for (let n = 0; n < width; n++) if (arr.data[t * width + n]) spikes.push([t, n]);
    return { clicks: f.sound.scheduled, spikes };
  }, [ref, array]);
}

function assertClicksAreSpikes({ clicks, spikes }, what) {
  assert.ok(spikes.length > 0, `${what}: no spikes to hear`);
  assert.deepEqual(clicks.map((c) => [c.step, c.row]), spikes, `${what}: the clicks are not the trace's spikes`);
  const pitch = new Map();
  for (const c of clicks) {
    if (!pitch.has(c.row)) pitch.set(c.row, c.frequency);
    assert.equal(c.frequency, pitch.get(c.row), `${what}: row ${c.row} has two pitches`);
  }
  const rows = [...pitch.keys()].sort((a, b) => a - b);
  for (let i = 1; i < rows.length; i++) assert.ok(pitch.get(rows[i]) > pitch.get(rows[i - 1]), `${what}: row ${rows[i]} is not higher than row ${rows[i - 1]}`);
  for (let i = 1; i < clicks.length; i++) if (clicks[i].step > clicks[i - 1].step) assert.ok(clicks[i].time > clicks[i - 1].time, `${what}: a later step sounds earlier`);
}

const soundButton = (page, ref) => page.locator(`snn-figure[ref="${ref}"] .figure-sound`);

test('off by default (no AudioContext); on: the clicks are the trace\'s spikes; off again stops them', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
  const { page, watch } = await open(context);
  // A reader's session without sound: sliders, a hover, the network's animation.
  const range = page.locator('snn-figure[ref="lapicque-fire"] .control[data-key="amp"] input[type=range]');
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('snn-figure[ref="network"]').scrollIntoViewIfNeeded();
  await page.locator('snn-figure[ref="network"] .figure-player').getByRole('button', { name: 'Step' }).click();
  await frames(page);
  assert.equal(await page.evaluate(() => window.audioContexts), 0, 'an AudioContext before the sound was turned on');
  // (Every figure with a raster has the button; a sweep's figure has none.)
  const buttons = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].map((f) => f.shadowRoot.querySelector('.figure-sound')).filter(Boolean).map((b) => b.getAttribute('aria-pressed')));
  assert.ok(buttons.length >= 10, `only ${buttons.length} figures can sound`);
  assert.deepEqual(buttons.filter((p) => p !== 'false'), [], 'a figure\'s sound is on at first');
  // One neuron: the firing figure.
  await soundButton(page, 'lapicque-fire').click();
  assert.equal(await page.evaluate(() => window.audioContexts), 1);
  assert.equal(await soundButton(page, 'lapicque-fire').getAttribute('aria-pressed'), 'true');
  assertClicksAreSpikes(await clicksAndSpikes(page, 'lapicque-fire', 'spk'), 'lapicque-fire');
  // Ten rows: the rate code's spikes (its input raster), one pitch each; the same AudioContext.
  await soundButton(page, 'rate-code').click();
  assertClicksAreSpikes(await clicksAndSpikes(page, 'rate-code', 'input'), 'rate-code');
  assert.equal(await page.evaluate(() => window.audioContexts), 1, 'a second AudioContext');
  // A slider that comes to rest: the new run is heard.
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => document.querySelector('snn-figure[ref="lapicque-fire"]').updated); // the new run is drawn
  await page.waitForFunction(() => {
    const f = document.querySelector('snn-figure[ref="lapicque-fire"]');
    const spk = f.traces[0].get('spk').data;
    const steps = [];
    spk.forEach((v, t) => v && steps.push(t));
    return f.shownScenarios[0].input.step.amplitude === f.values.amp && f.sound.scheduled.map((c) => c.step).join() === steps.join() && steps.length > 0;
  }, null, { timeout: 5000 });
  assertClicksAreSpikes(await clicksAndSpikes(page, 'lapicque-fire', 'spk'), 'lapicque-fire after the slider');
  // Off: nothing scheduled, and a run after it schedules nothing.
  await soundButton(page, 'lapicque-fire').click();
  assert.equal(await soundButton(page, 'lapicque-fire').getAttribute('aria-pressed'), 'false');
  assert.deepEqual((await clicksAndSpikes(page, 'lapicque-fire', 'spk')).clicks, []);
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => document.querySelector('snn-figure[ref="lapicque-fire"]').updated);
  await page.waitForTimeout(700);
  assert.deepEqual((await clicksAndSpikes(page, 'lapicque-fire', 'spk')).clicks, []);
  assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
}));

test('the network\'s animation: each output spike is heard as the animation reaches it', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
  const { page, watch } = await open(context);
  const figure = page.locator('snn-figure[ref="network"]');
  await figure.scrollIntoViewIfNeeded();
  await soundButton(page, 'network').click();
  const player = figure.locator('.figure-player');
  await player.getByRole('button', { name: 'Rewind' }).click();
  await player.locator('select').selectOption('4');
  await player.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const f = document.querySelector('snn-figure[ref="network"]');
    return !f.playing && f.cursor === f.trace.numSteps;
  }, null, { timeout: 20_000 });
  assertClicksAreSpikes(await clicksAndSpikes(page, 'network', 'spk2'), 'network');
  assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
}));

test('sound=on in the URL: written, armed by a link until the reader\'s first click, never under reduced motion', { timeout: TIMEOUT }, async () => {
  await withContext(env.browser, DESKTOP, async (context) => {
    const { page, watch } = await open(context);
    await soundButton(page, 'lapicque-fire').click();
    await page.waitForFunction(() => location.hash.includes('lapicque-fire.sound=on'));
    const hash = await page.evaluate(() => location.hash);
    await soundButton(page, 'lapicque-fire').click();
    await page.waitForFunction(() => !location.hash.includes('sound='));
    // A link with the sound on: armed, and still no AudioContext.
    const linked = await open(context, hash);
    assert.equal(await soundButton(linked.page, 'lapicque-fire').getAttribute('aria-pressed'), 'true');
    assert.equal(await linked.page.evaluate(() => window.audioContexts), 0, 'an AudioContext before the reader did anything');
    // The reader's first click in the figure (on a plot) starts it.
    await clickPlot(linked.page);
    assert.equal(await linked.page.evaluate(() => window.audioContexts), 1);
    assertClicksAreSpikes(await clicksAndSpikes(linked.page, 'lapicque-fire', 'spk'), 'from the link');
    // A figure the link did not name stays off.
    assert.equal(await soundButton(linked.page, 'leaky').getAttribute('aria-pressed'), 'false');
    assert.deepEqual([...watch.problems(), ...linked.watch.problems()], []);
  });
  await withContext(env.browser, { ...DESKTOP, reducedMotion: 'reduce' }, async (context) => {
    const { page, watch } = await open(context, '#lapicque-fire.sound=on');
    assert.equal(await soundButton(page, 'lapicque-fire').getAttribute('aria-pressed'), 'false', 'a link turned the sound on under reduced motion');
    await clickPlot(page);
    assert.equal(await page.evaluate(() => window.audioContexts), 0);
    // The reader's own press does turn it on.
    await soundButton(page, 'lapicque-fire').click();
    assert.equal(await page.evaluate(() => window.audioContexts), 1);
    assertClicksAreSpikes(await clicksAndSpikes(page, 'lapicque-fire', 'spk'), 'under reduced motion');
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  });
});
