// The step inspector (web/src/inspector.js, equations.js):
//  1. (Node) a catalogue entry without equation templates, or without a case for its reset, fails loudly;
//     the numbers equations.js fills in for a run are the trace's, for every model and reset
//  2. (Chromium, index.html) for several figures, steps, neurons, variants and a network's layers, reached by
//     the keyboard's cursor, the pointer and the animation, every number the inspector shows equals the
//     trace's value at that step (the trace the figure's snn-trace event carried), the Scenario's keyword or
//     the initial state; the reset it reports is the previous step's spike, the spike it reports the trace's
//  3. it is closed by default, opens from the keyboard, and is not printed closed
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { equationsOf, float32Text, linesFor, stepEquations } from '../../web/src/equations.js';
import { frames, openReady, serverAndBrowser, withContext } from './harness.js';

const TIMEOUT = 90_000;
const snn = await loadSnn();
const catalogue = snn.catalogue();
const modelNamed = (name) => catalogue.models.find((m) => m.name === name);

describe('equations.js (Node)', () => {
  test('a model without equation templates, or without a case for its reset, is refused with its name', () => {
    const bare = { ...modelNamed('Leaky'), equations: null };
    assert.throws(() => equationsOf(bare), /no update equations for Leaky/);
    const run = { keywords: { beta: 0.8, threshold: 1, reset_mechanism: 'subtract' }, timing: 'after_update', init: {}, arrays: {}, input: 'input', spike: 'spk', at: () => 0 };
    assert.throws(() => stepEquations(bare, run, 0, 0), /no update equations for Leaky/);
    const noCases = { ...modelNamed('Synaptic'), equations: { ...modelNamed('Synaptic').equations, cases: [] } };
    assert.throws(() => linesFor(noCases, { reset_mechanism: 'subtract' }, 'after_update'), /Synaptic with reset_mechanism "subtract"/);
    assert.throws(() => linesFor(modelNamed('Leaky'), { reset_mechanism: 'sideways' }, 'after_update'), /reset_mechanism "sideways"/);
  });

  test('float32Text reads back as the same float32, and is short', () => {
    for (const v of [0.8, 0.1, 1 / 3, 1.0005664, -0.03526947, 5e7, 1e-7, 0, 3.4e38]) {
      const f = Math.fround(v);
      assert.equal(Math.fround(Number(float32Text(f))), f, String(v));
    }
    assert.equal(float32Text(Math.fround(0.8)), '0.8');
    assert.equal(float32Text(-0), '-0');
  });

  test('for every model and reset, the filled-in terms are the run\'s own values', () => {
    for (const model of catalogue.models) {
      const resets = model.keywords.find((k) => k.name === 'reset_mechanism').choices;
      for (const reset of resets) {
        const constructor = { reset_mechanism: reset };
        for (const k of model.keywords) if (k.required) constructor[k.name] = k.example ?? 0.5;
        if (model.forms.length) Object.assign(constructor, { R: 5.1, C: 0.005 });
        if (model.keywords.some((k) => k.name === 'time_step')) constructor.time_step = 0.001;
        // A current that differs at every step, strong enough to fire every model.
        const scenario = { model: model.name, constructor, num_steps: 40, num_neurons: 2, seed: 3, init: { mem: [1.5, 0] }, input: { noise: { low: 0.2, high: 0.9 } } };
        const resolved = snn.resolveScenario(scenario);
        const trace = snn.runScenario(scenario);
        const at = (name, t) => (name === 'input' ? trace.input : trace.get(name)).data[t * 2 + 1];
        const run = { keywords: resolved.constructor, init: resolved.init, timing: resolved.spike_timing, arrays: {}, input: 'input', spike: 'spk', at };
        for (const step of [0, 1, 17, 39]) {
          const filled = stepEquations(model, run, step, 1);
          for (const term of model.equations.terms) {
            const v = filled.values.get(term.name);
            const where = `${model.name}/${reset} step ${step}: ${term.name}`;
            if (term.source === 'state') assert.equal(v.value, at(term.of, step), where);
            const init = resolved.init[term.of];
            if (term.source === 'previous') assert.equal(v.value, step ? at(term.of, step - 1) : Math.fround(Array.isArray(init) ? init[1] : init), where);
            if (term.source === 'input') assert.equal(v.value, at('input', step), where);
            if (term.source === 'spike') assert.equal(v.value, at('spk', step), where);
            if (term.source === 'keyword' && term.of in resolved.constructor) assert.equal(v.value, Math.fround(resolved.constructor[term.of]), where);
            if (term.source === 'derived') assert.ok(v.missing, where);
          }
        }
        // The initial membrane of neuron 0 (1.5) is above the threshold: its reset at step 0 is on.
        const first = stepEquations(model, { ...run, at: (name, t) => (name === 'input' ? trace.input : trace.get(name)).data[t * 2] }, 0, 0);
        assert.equal(first.reset.value.value, 1, `${model.name}/${reset}: reset from the initial state`);
      }
    }
  });
});

const env = serverAndBrowser();

// In the page: every number the inspector of figure `ref` shows, checked against the trace its last
// snn-trace event carried, the Scenario resolved by the core, and the catalogue's term definitions.
// Returns { step, neuron, variant, layer, checked, problems, reset, spike, expectedReset, text }.
async function checkInspector(ref) {
  const f = document.querySelector(`snn-figure[ref="${ref}"]`);
  const snn = await window.snnReady;
  const body = f.shadowRoot.querySelector('.inspector-body');
  const step = Number(body.dataset.step);
  const neuron = Number(body.dataset.neuron);
  const variant = Number(body.dataset.variant);
  const layer = Number(body.dataset.layer);
  const trace = window.lastTraces.get(ref)[variant];
  const scenario = snn.resolveScenario(window.lastScenarios.get(ref)[variant]);
  const network = Array.isArray(scenario.layers);
  const kw = network ? scenario.layers.filter((l) => l.type !== 'Linear')[layer - 1] : scenario.constructor;
  const model = snn.catalogue().models.find((m) => m.name === (network ? kw.type : scenario.model));
  const suffix = network ? String(layer) : '';
  const record = scenario.record || [];
  // A recorded array's value for the neuron at step t (the record's [first:end] taken into account).
  const value = (name, t) => {
    const arr = name === 'input' ? trace.input : trace.get(name);
    const slice = record.map((r) => /^(\w+)\[(\d*):(\d*)\]$/.exec(r)).find((m) => m && m[1] === name);
    const first = slice && slice[2] ? Number(slice[2]) : 0;
    const width = arr.data.length / arr.shape[0];
    return arr.data[t * width + neuron - first];
  };
  const pick = (v) => (Array.isArray(v) ? v[neuron] : v);
  const init = (of) => (network ? 0 : Math.fround(pick(scenario.init[of]) ?? 0));
  const expected = (term) => {
    switch (term.source) {
      case 'state': return value(term.of + suffix, step);
      case 'previous': return step > 0 ? value(term.of + suffix, step - 1) : init(term.of);
      case 'input': return value(network ? `cur${layer}` : 'input', step);
      case 'spike': return value(`spk${suffix}`, step);
      case 'keyword': return Math.fround(pick(kw[term.of]));
      case 'reset': return step > 0 ? (value(`spk${suffix}`, step - 1) !== 0 ? 1 : 0) : (init('mem') > Math.fround(pick(kw.threshold)) ? 1 : 0);
      case 'inside': return value(term.of + suffix, step); // shown only while it equals its state
      default: return NaN;
    }
  };
  const problems = [];
  let checked = 0;
  for (const span of body.querySelectorAll('.eq-numbers .eq-value')) {
    const term = model.equations.terms.find((t) => t.name === span.dataset.term);
    const shown = Number(span.textContent.replace(/[()]/g, '').replace('−', '-'));
    const want = expected(term);
    checked++;
    if (Math.fround(shown) !== want) problems.push(`${term.name} (${term.source} ${term.of || ''}): shows ${span.textContent}, the trace has ${want}`);
  }
  return {
    step, neuron, variant, layer, checked, problems,
    reset: body.querySelector('.inspector-reset').dataset.reset,
    spike: body.querySelector('.inspector-spike').dataset.spike,
    expectedReset: String(expected(model.equations.terms.find((t) => t.source === 'reset'))),
    expectedSpike: String(value(`spk${suffix}`, step)),
    text: body.innerText,
  };
}

const DESKTOP = { viewport: { width: 1280, height: 900 } };

// index.html, with every figure's last snn-trace (its traces and Scenarios) kept by its ref.
const open = (context) => openReady(context, `${env.server.url}index.html`, () => {
  window.lastTraces = new Map();
  window.lastScenarios = new Map();
  document.addEventListener('snn-trace', (e) => {
    const ref = e.target.getAttribute('ref');
    window.lastTraces.set(ref, e.detail.traces);
    window.lastScenarios.set(ref, e.detail.scenarios);
  });
});

const openInspector = async (page, ref) => {
  const summary = page.locator(`snn-figure[ref="${ref}"] .figure-inspector summary`);
  await summary.focus();
  await page.keyboard.press('Enter'); // a disclosure: the keyboard opens it
  await page.waitForFunction((r) => document.querySelector(`snn-figure[ref="${r}"]`).shadowRoot.querySelector('.inspector-body .eq-numbers'), ref);
};

// The keyboard's cursor to `step` on panel `index` (Home, then Page Up and the right arrow), row `row`.
async function cursorTo(page, ref, index, step, row = 0) {
  await page.evaluate(([r, i]) => document.querySelector(`snn-figure[ref="${r}"]`).panels[i].canvas.focus(), [ref, index]);
  await page.keyboard.press('Home');
  for (let k = 0; k < Math.floor(step / 10); k++) await page.keyboard.press('PageUp');
  for (let k = 0; k < step % 10; k++) await page.keyboard.press('ArrowRight');
  for (let k = 0; k < row; k++) await page.keyboard.press('ArrowUp');
}

// The pointer over step `step`, row `row` of a raster panel.
async function pointAt(page, ref, index, step, row) {
  const box = await page.evaluate(([r, i, t, n]) => {
    const p = document.querySelector(`snn-figure[ref="${r}"]`).panels[i];
    p.canvas.scrollIntoView({ block: 'center' });
    const c = p.canvas.getBoundingClientRect();
    return { x: c.left + p.layout.xScale(t + 0.5), y: c.top + p.layout.yScale(n + 0.5) };
  }, [ref, index, step, row]);
  await page.mouse.move(box.x, box.y);
}

describe('the step inspector in Chromium', { timeout: TIMEOUT * 3 }, () => {
  test('closed at first; at the keyboard\'s cursor every number is the trace\'s, the reset the previous spike, the spike the trace\'s', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
    const { page, watch } = await open(context);
    const closed = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].filter((f) => f.shadowRoot.querySelector('.figure-inspector')?.open).length);
    assert.equal(closed, 0, 'an inspector is open at first');
    // [figure, panel index, step, row (line or neuron)]: a spike (lapicque-fire's row 108), the reset after
    // it, step 0, a synaptic and an Alpha step after spikes, a leaky run's spike, a second variant.
    const cases = [
      ['lapicque-fire', 2, 108, 0], ['lapicque-fire', 1, 109, 0], ['lapicque-fire', 1, 0, 0], ['lapicque-fire', 0, 10, 0],
      ['synaptic', 3, 0, 0], ['leaky', 2, 30, 0], ['alpha', 4, 0, 0], ['reset-compare', 1, 57, 1],
    ];
    const opened = new Set();
    for (const [ref, index, wanted, row] of cases) {
      if (!opened.has(ref)) {
        await openInspector(page, ref);
        opened.add(ref);
      }
      // Steps right after this figure's spikes, found in its own trace.
      let step = wanted;
      if (wanted === 0 && ref !== 'lapicque-fire') {
        step = await page.evaluate((r) => {
          const spk = window.lastTraces.get(r)[0].get('spk').data;
          const w = spk.length / window.lastTraces.get(r)[0].numSteps;
          for (let t = 0; t < spk.length / w; t++) if (spk[t * w]) return t + 1;
          return 0;
        }, ref);
      }
      await cursorTo(page, ref, index, step, row);
      await frames(page);
      const r = await page.evaluate(checkInspector, ref);
      assert.equal(r.step, step, `${ref}: the inspector is at step ${r.step}, the cursor at ${step}`);
      assert.deepEqual(r.problems, [], `${ref} step ${step}:\n${r.problems.join('\n')}\n${r.text}`);
      assert.ok(r.checked >= 5, `${ref}: only ${r.checked} numbers shown`);
      assert.equal(r.reset, r.expectedReset, `${ref} step ${step}: the reset shown is not the previous step's spike\n${r.text}`);
      assert.equal(r.spike, r.expectedSpike, `${ref} step ${step}: the spike shown is not the trace's`);
      if (ref === 'reset-compare') assert.equal(r.variant, 1, 'the second line is the second variant');
    }
    // The firing figure at its first spike and the reset after it, in words.
    const at108 = await (async () => { await cursorTo(page, 'lapicque-fire', 2, 108); return page.evaluate(checkInspector, 'lapicque-fire'); })();
    assert.match(at108.text, /Spike: S_out\[t\+1\] = 1: U\[t\+1\] = 1\.000\d+ is above U_thr = 1/);
    assert.match(at108.text, /Reset off/);
    await cursorTo(page, 'lapicque-fire', 2, 109);
    const at109 = await page.evaluate(checkInspector, 'lapicque-fire');
    assert.match(at109.text, /Reset on: .*step 108 spiked\. So the threshold is subtracted from the membrane/);
    assert.match(at109.text, /mem = input_\*R\*\(1\/\(R\*C\)\)\*time_step \+ \(1 - time_step\/\(R\*C\)\)\*mem - reset\*threshold/);
    // A slider move: the numbers follow the new trace at the same step.
    await page.evaluate(() => document.querySelector('snn-figure[ref="lapicque-fire"]').set('amp', 0.3));
    await page.waitForFunction(() => document.querySelector('snn-figure[ref="lapicque-fire"]').values.amp === 0.3 && window.lastScenarios.get('lapicque-fire')[0].input.step.amplitude === 0.3);
    await frames(page);
    const moved = await page.evaluate(checkInspector, 'lapicque-fire');
    assert.deepEqual(moved.problems, [], moved.problems.join('\n'));
    assert.equal(moved.step, 109);
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  }));

  test('a network: the pointer\'s raster row and layer, a small plot, the animation\'s step', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
    const { page, watch } = await open(context);
    await page.locator('snn-figure[ref="network"]').scrollIntoViewIfNeeded();
    await openInspector(page, 'network');
    // The output raster (panel 2), neuron 7: layer 2, which the figure records whole.
    const spikeAt = await page.evaluate(() => {
      const spk = window.lastTraces.get('network')[0].get('spk2');
      const w = spk.data.length / spk.shape[0];
      for (let t = 0; t < spk.shape[0]; t++) for (let n = 0; n < w; n++) if (spk.data[t * w + n]) return { t, n };
      return null;
    });
    assert.ok(spikeAt, 'the network\'s output never spikes');
    for (const step of [spikeAt.t, spikeAt.t + 1]) {
      await pointAt(page, 'network', 2, step, spikeAt.n);
      const r = await page.evaluate(checkInspector, 'network');
      assert.deepEqual([r.step, r.layer, r.neuron], [step, 2, spikeAt.n]);
      assert.deepEqual(r.problems, [], r.problems.join('\n'));
      assert.match(r.text, /layer 2 of 2 \(Leaky/);
      assert.equal(r.reset, r.expectedReset, r.text);
      assert.equal(r.spike, r.expectedSpike, r.text);
    }
    // A hidden neuron outside the recorded nine: the layer and neuron are named, the missing values said.
    await pointAt(page, 'network', 1, 50, 500);
    const hidden = await page.evaluate(checkInspector, 'network');
    assert.deepEqual([hidden.layer, hidden.neuron], [1, 500]);
    assert.match(hidden.text, /this figure records mem1 of neurons 0–8 only/);
    // The small plots (panel 4), cell 4 = hidden neuron 4, by the keyboard.
    await cursorTo(page, 'network', 4, 60, 4);
    const cell = await page.evaluate(checkInspector, 'network');
    assert.deepEqual([cell.step, cell.layer, cell.neuron], [60, 1, 4]);
    assert.deepEqual(cell.problems, [], cell.problems.join('\n'));
    assert.ok(cell.checked >= 6, cell.text);
    // The animation: Rewind, then Step five times: the inspector is at the last step shown.
    const player = page.locator('snn-figure[ref="network"] .figure-player');
    await player.getByRole('button', { name: 'Rewind' }).click();
    for (let k = 0; k < 5; k++) await player.getByRole('button', { name: 'Step' }).click();
    await frames(page);
    const animated = await page.evaluate(checkInspector, 'network');
    assert.equal(animated.step, 4);
    assert.deepEqual(animated.problems, [], animated.problems.join('\n'));
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  }));

  test('on paper: a closed inspector and the tools are not printed, an open one is', { timeout: TIMEOUT }, () => withContext(env.browser, DESKTOP, async (context) => {
    const { page } = await open(context);
    await openInspector(page, 'leaky');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => ['leaky', 'synaptic'].map((r) => {
      const root = document.querySelector(`snn-figure[ref="${r}"]`).shadowRoot;
      const visible = (e) => getComputedStyle(e).display !== 'none';
      return { inspector: visible(root.querySelector('.figure-inspector')), tools: visible(root.querySelector('.figure-tools')) };
    }));
    assert.deepEqual(shown, [{ inspector: true, tools: false }, { inspector: false, tools: false }]);
  }));
});
