// What the figures teach, in Debian's Chromium against dist/ (index.html at 1280×800 unless said otherwise):
//  1. the encoder figures: rows labelled by the values they encode, with a bar for each; latency spikes spread
//     over a time axis fitted to them; the delta figure's signal is the one its spikes came from, and its −1
//     spikes are drawn in a colour of their own; bool settings are checkboxes; two-row rasters label both rows
//     and draw them in the colours of the membranes' legend
//  2. the text says what the figures show: the spike steps and counts the lesson quotes are the traces', no
//     slider starts at its maximum, R is shown in MΩ and the Lapicque time axis in ms, the controls of a
//     keyword have the core's label for it
//  3. the network figure: the membranes' y axis has the threshold; Rewind keeps the rasters; a step counter;
//     the speed menu changes how many steps a frame plays; the membranes follow the animation
//  4. every figure resets to its defaults; the pointer reads out step, value and series, never over the
//     threshold's label, and marks the step on every time-axis panel
//  5. the learning goals come first; the page credits the tutorial's author and Neuronal Dynamics and links
//     to snnTorch, the notebooks and the playground
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnn } from '../../wasm/index.js';
import { figures as specs } from '../../web/src/figures.js';
import { distDir, frames, pageReady, renderAllSections, serverAndBrowser, watchPage } from './harness.js';

const TIMEOUT = 90_000;
const env = serverAndBrowser();
const snn = await loadSnn();
const catalogue = snn.catalogue();


async function open(path = 'index.html', options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(env.server.url + path, { waitUntil: 'load' });
  await pageReady(page);
  await renderAllSections(page);
  await frames(page);
  return { context, page, watch };
}

const sel = (ref) => `snn-figure[ref="${ref}"]`;

// A figure's current scenario, its traces' hashes, and the same scenario run in Node.
async function agreesWithCore(page, ref) {
  const state = await page.evaluate((s) => {
    const f = document.querySelector(s);
    return { scenarios: f.variants().map((v) => f.scenarioFor(v)), hashes: f.traces.map((t) => t.hash()) };
  }, sel(ref));
  assert.deepEqual(state.hashes, state.scenarios.map((s) => snn.runScenario(s).hash()), `${ref}: the figure's traces are not the core's`);
  return state;
}

// The colour of the device pixel at (x, y) CSS px of a panel's canvas, as '#rrggbb'.
function pixelAt(page, ref, panelIndex, x, y) {
  return page.evaluate(([s, i, px, py]) => {
    const c = document.querySelector(s).panels[i].canvas;
    const dpr = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d').getImageData(Math.floor(px * dpr), Math.floor(py * dpr), 1, 1).data;
    return `#${[d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }, [sel(ref), panelIndex, x, y]);
}

// The centre of step `t`, row `row` of a raster panel (CSS px of its canvas), from the layout it was drawn with.
function rasterCell(page, ref, panelIndex, t, row) {
  return page.evaluate(([s, i, step, r]) => {
    const { layout } = document.querySelector(s).panels[i];
    return { x: layout.xScale(step + 0.5), y: layout.yScale(r + 0.5) };
  }, [sel(ref), panelIndex, t, row]);
}

const hex = (colour) => colour.toLowerCase();

describe('encoder figures', { timeout: TIMEOUT * 3 }, () => {
  test('rate and latency rows are labelled by the values they encode, each with a bar', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      for (const [ref, path] of [['rate-code', ['input', 'rate', 'values']], ['latency-code', ['input', 'latency', 'values']]]) {
        const values = path.reduce((o, k) => o[k], specs[ref].scenario);
        const drawn = await page.evaluate((s) => {
          const p = document.querySelector(s).panels.find((q) => q.type === 'input-raster');
          return { labels: p.layout.rowLabels, bars: p.drawn.options.rowValues && Array.from(p.drawn.options.rowValues.values), plot: p.layout.plot, width: p.canvas.getBoundingClientRect().width };
        }, sel(ref));
        assert.deepEqual(drawn.labels, values.map(String), `${ref}: row labels`);
        assert.deepEqual(drawn.bars, values, `${ref}: the value bars`);
        // The bar of the largest value is drawn right of the plot, in its row.
        const index = (await page.evaluate((s) => document.querySelector(s).panels.findIndex((q) => q.type === 'input-raster'), sel(ref)));
        const top = values.indexOf(Math.max(...values));
        const cell = await rasterCell(page, ref, index, 0, top);
        const bar = await pixelAt(page, ref, index, drawn.plot.x + drawn.plot.width + 30, cell.y);
        const background = await pixelAt(page, ref, index, drawn.width - 2, cell.y);
        assert.notEqual(bar, background, `${ref}: no bar beside the row of ${values[top]}`);
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('latency spikes are spread over a time axis fitted to them; normalize widens it to every step', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const axis = () => page.evaluate((s) => {
        const f = document.querySelector(s);
        const p = f.panels.find((q) => q.type === 'input-raster');
        const { data } = f.trace.input;
        const rows = data.length / f.trace.numSteps;
        let last = -1;
        for (let i = 0; i < data.length; i++) if (data[i]) last = Math.max(last, Math.floor(i / rows));
        return { shown: p.layout.xSteps, steps: f.trace.numSteps, last, stepWidth: p.layout.xScale(1) - p.layout.xScale(0), xLabel: p.drawn.options.xLabel };
      }, sel('latency-code'));
      const before = await axis();
      assert.ok(before.last >= 0 && before.last < before.shown, `the last spike (step ${before.last}) is off the axis (${before.shown} steps)`);
      assert.ok(before.stepWidth >= 20, `a step is ${before.stepWidth.toFixed(1)} px wide: the spikes are squeezed together`);
      assert.ok(before.xLabel.includes(`${before.shown} of ${before.steps}`), `the axis does not say it shows part of the steps: "${before.xLabel}"`);
      await page.locator(`${sel('latency-code')} .control[data-key="normalize"] input[type=checkbox]`).click();
      await frames(page);
      const after = await axis();
      assert.ok(after.last >= after.shown - 2 || after.shown === after.steps, `normalized, the spikes reach step ${after.last} of an axis of ${after.shown}`);
      assert.ok(after.last < after.shown);
      await agreesWithCore(page, 'latency-code');
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('delta: the signal shown is the one the spikes came from; −1 spikes have a colour of their own', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const got = await page.evaluate((s) => {
        const f = document.querySelector(s);
        const signal = f.panels.find((p) => p.type === 'signal').layout.series[0].values;
        return { signal: Array.from(signal), spikes: Array.from(f.trace.input.data), threshold: f.currentScenario().input.delta.threshold };
      }, sel('delta-code'));
      // spikegen.delta: +1 where the signal rose by the threshold or more since the step before, −1 where it fell
      // by as much (off spikes on), the first step compared with 0 (no padding).
      const expected = got.signal.map((v, t) => {
        const d = v - (t ? got.signal[t - 1] : 0);
        return d >= got.threshold ? 1 : d <= -got.threshold ? -1 : 0;
      });
      assert.deepEqual(got.spikes, expected, 'the spikes are not the delta code of the signal shown');
      const on = got.spikes.indexOf(1);
      const off = got.spikes.indexOf(-1);
      assert.ok(on >= 0 && off >= 0, 'the default signal has no on or no off spike');
      const index = await page.evaluate((s) => document.querySelector(s).panels.findIndex((p) => p.type === 'input-raster'), sel('delta-code'));
      const onCell = await rasterCell(page, 'delta-code', index, on, 0);
      const offCell = await rasterCell(page, 'delta-code', index, off, 0);
      const empty = await rasterCell(page, 'delta-code', index, Math.floor((on + off) / 2), 0);
      const [onColour, offColour, background] = await Promise.all([
        pixelAt(page, 'delta-code', index, onCell.x, onCell.y),
        pixelAt(page, 'delta-code', index, offCell.x, offCell.y),
        pixelAt(page, 'delta-code', index, empty.x, empty.y),
      ]);
      assert.notEqual(onColour, background, 'the +1 spike is not drawn');
      assert.notEqual(offColour, background, 'the −1 spike is not drawn');
      assert.notEqual(onColour, offColour, '+1 and −1 spikes look the same');
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('every bool setting is a checkbox, and ticking it re-simulates', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      // Which controls name a bool (from the core's catalogue, for the spec's model and generator).
      const bools = [];
      for (const [ref, spec] of Object.entries(specs)) {
        for (const c of spec.controls || []) {
          const keys = c.path.split('.');
          let field = null;
          if (keys[0] === 'input') {
            const generator = catalogue.generators.find((g) => g.name === keys[keys.length - 2]);
            field = generator && generator.fields.find((f) => f.name === keys[keys.length - 1]);
          } else if (keys[0] === 'constructor') {
            const model = catalogue.models.find((m) => m.name === spec.scenario.model);
            field = model && model.keywords.find((k) => k.name === keys[1]);
          }
          if (field && field.type === 'bool') bools.push([ref, c.key]);
        }
      }
      assert.ok(bools.length >= 5, `only ${bools.length} bool settings`);
      for (const [ref, key] of bools) {
        const row = page.locator(`${sel(ref)} .control[data-key="${key}"]`);
        assert.equal(await row.locator('input[type=checkbox]').count(), 1, `${ref}.${key} is not a checkbox`);
        assert.equal(await row.locator('select').count(), 0, `${ref}.${key} still has a menu`);
      }
      const [ref, key] = bools[0];
      const before = await page.evaluate(([s, k]) => document.querySelector(s).values[k], [sel(ref), key]);
      await page.locator(`${sel(ref)} .control[data-key="${key}"] input[type=checkbox]`).click();
      await frames(page);
      assert.equal(await page.evaluate(([s, k]) => document.querySelector(s).values[k], [sel(ref), key]), !before);
      await agreesWithCore(page, ref);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('two-row rasters label both rows and draw each in the colour its membrane has in the legend', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      for (const ref of ['lif-reset', 'reset-compare']) {
        const info = await page.evaluate((s) => {
          const f = document.querySelector(s);
          const spikes = f.panels.findIndex((p) => p.type === 'spikes');
          const membrane = f.panels.find((p) => p.type === 'membrane');
          const { layout } = f.panels[spikes];
          const first = [0, 1].map((row) => {
            for (let t = 0; t < layout.steps; t++) if (layout.spikes[t * layout.rows + row]) return t;
            return -1;
          });
          return { spikes, rows: layout.rows, labels: layout.rowLabels, legend: membrane.layout.series.map((s) => ({ label: s.label, color: s.color })), first };
        }, sel(ref));
        assert.equal(info.rows, 2, `${ref}: rows`);
        assert.deepEqual(info.labels, info.legend.map((s) => s.label), `${ref}: the rows are not labelled as the legend`);
        for (const row of [0, 1]) {
          assert.ok(info.first[row] >= 0, `${ref}: row ${row} never spikes`);
          const cell = await rasterCell(page, ref, info.spikes, info.first[row], row);
          assert.equal(await pixelAt(page, ref, info.spikes, cell.x, cell.y), hex(info.legend[row].color), `${ref}: row ${row}'s spikes are not in ${info.legend[row].label}'s colour`);
        }
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});

// What the lesson says next to a figure (every paragraph between it and the figure before it), whitespace
// folded.
function textBefore(page, ref) {
  return page.evaluate((s) => {
    const figure = document.querySelector(s);
    const parts = [];
    for (let e = figure.previousElementSibling; e && e.tagName !== 'SNN-FIGURE'; e = e.previousElementSibling) parts.unshift(e.textContent);
    return parts.join(' ').replace(/\s+/g, ' ');
  }, sel(ref));
}

// Spike steps of every variant's neuron 0.
function spikeSteps(page, ref) {
  return page.evaluate((s) => document.querySelector(s).traces.map((t) => {
    const spk = t.get('spk');
    const width = spk.data.length / t.numSteps;
    const steps = [];
    for (let i = 0; i < t.numSteps; i++) if (spk.data[i * width]) steps.push(i);
    return steps;
  }), sel(ref));
}

describe('the text and the figures agree', { timeout: TIMEOUT * 2 }, () => {
  test('the spike steps and counts the lesson quotes are the figures\' own', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const claims = [
        // [figure, what the text says (a regular expression on the paragraphs before it), check(match, spikes)]
        ['legacy-lapicque', /crosses the threshold at step (\d+)/, (m, s) => assert.equal(s[0][0], Number(m[1]))],
        ['lapicque-fire', /first crosses it at step (\d+)/, (m, s) => assert.equal(s[0][0], Number(m[1]))],
        ['lapicque-fire', /one spike, not yet a spike train/, (m, s) => assert.equal(s[0].length, 1)],
        ['lif-reset', /\(from step (\d+)\)/, (m, s) => assert.equal(s[0][0], Number(m[1]))],
        ['reset-compare', /\((\d+) spikes against (\d+) at the default settings\)/, (m, s) => assert.deepEqual([s[1].length, s[0].length], [Number(m[1]), Number(m[2])])],
        ['synaptic', /first at step (\d+)/, (m, s) => assert.equal(s[0][0], Number(m[1]))],
        ['leaky', /from step (\d+) on the neuron fires every (\d+) steps/, (m, s) => {
          assert.equal(s[0][0], Number(m[1]));
          assert.deepEqual(s[0].slice(1).map((t, i) => t - s[0][i]), s[0].slice(1).map(() => Number(m[2])));
        }],
        ['alpha', /crosses the threshold at step (\d+), then again at step (\d+)/, (m, s) => assert.deepEqual(s[0], [Number(m[1]), Number(m[2])])],
      ];
      for (const [ref, pattern, check] of claims) {
        const text = await textBefore(page, ref);
        const m = pattern.exec(text);
        assert.ok(m, `${ref}: the lesson no longer says ${pattern}`);
        const spikes = await spikeSteps(page, ref);
        try {
          check(m, spikes);
        } catch (e) {
          throw new Error(`${ref}: the lesson says "${m[0]}", the figure spikes at ${JSON.stringify(spikes)}: ${e.message}`);
        }
      }
      // The latency figure's text gives each value's spike step.
      const latency = /values from ([\d.]+) up spike at step (\d+), ([\d.]+) at step (\d+) and ([\d.]+) at step (\d+)/.exec(await textBefore(page, 'latency-code'));
      assert.ok(latency, 'the latency text lost its spike steps');
      const rows = await page.evaluate((s) => {
        const f = document.querySelector(s);
        const { data } = f.trace.input;
        const width = data.length / f.trace.numSteps;
        return Array.from({ length: width }, (_, n) => {
          for (let t = 0; t < f.trace.numSteps; t++) if (data[t * width + n]) return t;
          return -1;
        });
      }, sel('latency-code'));
      const values = specs['latency-code'].scenario.input.latency.values;
      for (let n = 0; n < values.length; n++) {
        const v = values[n];
        const want = v >= Number(latency[1]) ? Number(latency[2]) : v === Number(latency[3]) ? Number(latency[4]) : v === Number(latency[5]) ? Number(latency[6]) : null;
        if (want !== null) assert.equal(rows[n], want, `latency: the value ${v} spikes at step ${rows[n]}, the text says ${want}`);
      }
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('no slider starts at its maximum (it could only go down)', () => {
    for (const [ref, spec] of Object.entries(specs)) {
      for (const c of spec.controls || []) {
        if (c.options) continue;
        const value = c.path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), spec.scenario);
        assert.ok(value < c.max, `${ref}.${c.key}: starts at its maximum (${c.max}), it can only go down`);
      }
    }
  });

  test('units and labels: R in MΩ, the Lapicque time axis in ms, one label per keyword', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const passive = sel('passive');
      const row = page.locator(`${passive} .control[data-key="R"]`);
      const R = specs.passive.scenario.constructor.R;
      assert.equal(await row.locator('.unit').textContent(), 'MΩ');
      assert.equal(Number(await row.locator('input[type=number]').inputValue()) * 1e6, R, 'the field does not show R in MΩ');
      await row.locator('input[type=range]').focus();
      await page.keyboard.press('ArrowRight');
      await frames(page);
      const moved = await agreesWithCore(page, 'passive');
      assert.equal(moved.scenarios[0].constructor.R, R + specs.passive.controls.find((c) => c.key === 'R').step, 'one step of the slider is not one step of R');
      assert.equal(Number(await row.locator('input[type=number]').inputValue()) * 1e6, moved.scenarios[0].constructor.R);

      // A time step of 1e-3 (seconds, as the tutorial reads it) is 1 ms on the axis.
      const label = await page.evaluate((s) => document.querySelector(s).panels.at(-1).drawn.options.xLabel, sel('lapicque-fire'));
      const ms = /Δt = ([\d.]+) ms/.exec(label);
      assert.ok(ms, `the lapicque-fire time axis says "${label}"`);
      assert.equal(Number(ms[1]) / 1000, specs['lapicque-fire'].scenario.constructor.time_step);

      // Every control of a snnTorch keyword is labelled as the core's catalogue labels it.
      const labels = await page.evaluate(() => [...document.querySelectorAll('snn-figure[ref]')].flatMap((f) => f.controls.map((c) => ({ ref: f.getAttribute('ref'), path: c.path, label: c.label, model: f.spec.scenario.model }))));
      let checked = 0;
      for (const { ref, path, label: shown, model } of labels) {
        if (!path.startsWith('constructor.')) continue;
        const keyword = catalogue.models.find((m) => m.name === model).keywords.find((k) => k.name === path.split('.')[1]);
        assert.equal(shown.toLowerCase(), keyword.label.toLowerCase(), `${ref}: the control of ${path} is "${shown}", the core calls it "${keyword.label}"`);
        checked++;
      }
      assert.ok(checked >= 10, `only ${checked} keyword controls`);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});

describe('the network figure', { timeout: TIMEOUT * 2 }, () => {
  const fig = sel('network');
  const button = (page, label) => page.locator(`${fig} .figure-player button`, { hasText: label });
  // Ink in a raster's plot area: pixels that are not the background, in the columns of every step.
  const ink = (page, i) => page.evaluate(([s, k]) => {
    const p = document.querySelector(s).panels[k];
    const dpr = p.drawn.dpr;
    const { plot } = p.layout;
    const d = p.canvas.getContext('2d').getImageData(Math.ceil(plot.x * dpr) + 2, Math.ceil(plot.y * dpr) + 2, Math.floor(plot.width * dpr) - 4, Math.floor(plot.height * dpr) - 4).data;
    let n = 0;
    for (let j = 0; j < d.length; j += 4) if (d[j] !== d[0] || d[j + 1] !== d[1] || d[j + 2] !== d[2]) n++;
    return n;
  }, [fig, i]);

  test('membranes with the threshold on their y axis; Rewind keeps the rasters; a step counter', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const state = () => page.evaluate((s) => {
        const f = document.querySelector(s);
        const multiples = f.panels.find((p) => p.type === 'multiples');
        return { cursor: f.cursor, steps: f.trace.numSteps, counter: f.shadowRoot.querySelector('.player-step').textContent, ticks: multiples.layout.yTicks, threshold: f.threshold(), visible: multiples.drawn.options.visibleSteps };
      }, fig);
      const start = await state();
      assert.ok(start.ticks.includes(start.threshold), `the membranes' y ticks ${JSON.stringify(start.ticks)} lack the threshold ${start.threshold}`);
      assert.equal(start.counter, `step ${start.steps} of ${start.steps}`);
      const rasters = await page.evaluate((s) => document.querySelector(s).panels.map((p, i) => [p.type, i]).filter(([t]) => /raster/.test(t)).map(([, i]) => i), fig);
      const full = await Promise.all(rasters.map((i) => ink(page, i)));

      await button(page, 'Rewind').click();
      await frames(page);
      const rewound = await state();
      assert.equal(rewound.cursor, 0);
      assert.equal(rewound.counter, `step 0 of ${rewound.steps}`);
      for (const [k, i] of rasters.entries()) {
        const left = await ink(page, i);
        assert.ok(left > full[k] * 0.5, `raster ${i} blanked by Rewind: ${left} of ${full[k]} marked pixels left`);
      }
      assert.equal(rewound.visible, 0, 'the membranes do not follow the animation');

      await button(page, 'Step').click();
      await frames(page);
      const stepped = await state();
      assert.equal(stepped.counter, `step 1 of ${stepped.steps}`);
      assert.equal(stepped.visible, 1);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('the speed menu changes how many steps each frame plays', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      // Steps played over 12 animation frames at a speed (counted in frames, not time).
      const played = async (speed) => {
        await button(page, 'Rewind').click();
        await page.locator(`${fig} .figure-player select`).selectOption(speed);
        return page.evaluate(async (s) => {
          const f = document.querySelector(s);
          f.play();
          for (let i = 0; i < 12; i++) await new Promise((r) => requestAnimationFrame(r));
          f.pause();
          return f.cursor;
        }, fig);
      };
      const slow = await played('0.25');
      const fast = await played('4');
      assert.ok(fast > 0 && fast >= 8 * Math.max(slow, 1), `4× played ${fast} steps in 12 frames, ¼× ${slow}`);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});

describe('every figure', { timeout: TIMEOUT * 2 }, () => {
  test('"Reset to defaults" brings back the defaults, their trace and a URL without the figure', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const refs = await page.evaluate(() => [...document.querySelectorAll('snn-figure[ref]')].filter((f) => f.controls.length).map((f) => f.getAttribute('ref')));
      assert.ok(refs.length >= 15);
      for (const ref of refs) assert.equal(await page.locator(`${sel(ref)} button.figure-reset`).count(), 1, `${ref} has no reset button`);
      const ref = 'lapicque-fire';
      await page.locator(`${sel(ref)} .control[data-key="amp"] input[type=range]`).focus();
      await page.keyboard.press('ArrowRight');
      await page.locator(`${sel(ref)} .control[data-key="reset"] select`).selectOption({ label: 'zero' });
      await frames(page);
      await page.waitForFunction((r) => location.hash.includes(`${r}.reset=zero`), ref);
      await page.locator(`${sel(ref)} button.figure-reset`).click();
      await frames(page);
      const state = await page.evaluate((s) => {
        const f = document.querySelector(s);
        return { values: { ...f.values }, defaults: Object.fromEntries(f.controls.map((c) => [c.key, c.default])), amp: f.shadowRoot.querySelector('.control[data-key="amp"] input[type=range]').value, reset: f.shadowRoot.querySelector('.control[data-key="reset"] select').selectedIndex };
      }, sel(ref));
      assert.deepEqual(state.values, state.defaults);
      assert.equal(Number(state.amp), state.defaults.amp);
      assert.equal(state.reset, 0);
      const { scenarios } = await agreesWithCore(page, ref);
      assert.deepEqual(scenarios[0], specs[ref].scenario);
      await page.waitForFunction((r) => !location.hash.includes(`${r}.`), ref);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('the pointer reads out step, value and series, never over the threshold label, on every time axis', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const hoverAt = async (ref, panelIndex, step, value) => {
        const where = await page.evaluate(([s, i, t, v]) => {
          const p = document.querySelector(s).panels[i];
          p.canvas.scrollIntoView({ block: 'center' });
          const r = p.canvas.getBoundingClientRect();
          const { layout } = p;
          return { x: r.left + layout.xScale(t), y: r.top + (v === null ? layout.plot.y + layout.plot.height / 2 : layout.yScale(v)) };
        }, [sel(ref), panelIndex, step, value]);
        await page.mouse.move(where.x, where.y);
        await frames(page);
        return page.evaluate(([s, i]) => {
          const f = document.querySelector(s);
          const p = f.panels[i];
          const r = p.readout.getBoundingClientRect();
          const c = p.canvas.getBoundingClientRect();
          const label = p.layout.thresholdLabel;
          const box = label && { left: c.left + label.x, right: c.left + label.x + label.width, top: c.top + label.y, bottom: c.top + label.y + label.height };
          const covers = Boolean(box) && r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
          const lines = f.panels.filter((q) => q.canvas.hasAttribute('data-plot-left')).map((q) => {
            const line = q.hoverLine.getBoundingClientRect();
            const qc = q.canvas.getBoundingClientRect();
            return q.hoverLine.hidden ? null : line.left - qc.left;
          });
          return { text: p.readout.textContent, covers, lines, hasLabel: Boolean(box) };
        }, [sel(ref), panelIndex]);
      };

      // lapicque-fire's membrane: across the plot, at the height of the threshold (where its label is).
      const ref = 'lapicque-fire';
      const info = await page.evaluate((s) => {
        const f = document.querySelector(s);
        return { index: f.panels.findIndex((p) => p.type === 'membrane'), steps: f.trace.numSteps, threshold: f.threshold(), mem: Array.from(f.trace.get('mem').data) };
      }, sel(ref));
      let labelled = 0;
      for (const step of [5, 60, 120, 180, 195, 199]) {
        const got = await hoverAt(ref, info.index, step, info.threshold);
        assert.equal(got.text, `step ${step}: ${info.mem[step].toPrecision(5)} (membrane U)`, `hover at step ${step}`);
        assert.equal(got.covers, false, `at step ${step} the read-out covers the threshold's label`);
        if (got.hasLabel) labelled++;
        // The step is marked on all three panels, at the same place within a step's width.
        assert.ok(got.lines.every((x) => x !== null), `at step ${step} the step is not marked on every panel: ${JSON.stringify(got.lines)}`);
        assert.ok(Math.max(...got.lines) - Math.min(...got.lines) <= 4, `at step ${step} the marks are at ${got.lines.map((x) => x.toFixed(1))}`);
      }
      assert.ok(labelled > 0, 'the threshold label was never drawn');

      // Two membranes: the read-out names the one under the pointer.
      const two = await page.evaluate((s) => {
        const f = document.querySelector(s);
        const p = f.panels.find((q) => q.type === 'membrane');
        return { index: f.panels.indexOf(p), series: p.layout.series.map((x) => ({ label: x.label, at: x.values[150] })) };
      }, sel('lif-reset'));
      for (const s of two.series) {
        const got = await hoverAt('lif-reset', two.index, 150, s.at);
        assert.ok(got.text.endsWith(`(${s.label})`), `pointer on ${s.label}: "${got.text}"`);
      }
      // Leaving the plot puts the read-out and the marks away.
      await page.mouse.move(2, 2);
      await frames(page);
      const left = await page.evaluate((s) => {
        const f = document.querySelector(s);
        return { text: f.panels.map((p) => p.readout.textContent).join(''), marks: f.panels.some((p) => !p.hoverLine.hidden) };
      }, sel('lif-reset'));
      assert.deepEqual(left, { text: '', marks: false });
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});

describe('the page around the figures', () => {
  test('learning goals first; credits and links to snnTorch, the notebooks, Neuronal Dynamics and the playground', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open();
    try {
      const top = await page.evaluate(() => {
        const goals = document.querySelector('.goals');
        const toc = document.querySelector('nav.toc');
        const firstSection = document.querySelector('main > section');
        return {
          items: goals ? goals.querySelectorAll('li').length : 0,
          beforeToc: Boolean(goals && toc && goals.compareDocumentPosition(toc) & Node.DOCUMENT_POSITION_FOLLOWING),
          beforeLesson: Boolean(goals && goals.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING),
          links: [...document.querySelectorAll('main a[href]')].map((a) => a.href),
          text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
        };
      });
      assert.ok(top.items >= 3, `${top.items} learning goals`);
      assert.ok(top.beforeToc && top.beforeLesson, 'the learning goals are not at the top');
      const hosts = top.links.map((h) => new URL(h)).filter((u) => u.protocol === 'https:');
      assert.ok(hosts.some((u) => u.host === 'github.com' && u.pathname === '/jeshraghian/snntorch'), 'no link to snnTorch');
      assert.ok(hosts.filter((u) => u.pathname.endsWith('.ipynb')).length >= 2, 'no links to the notebooks');
      assert.ok(hosts.some((u) => u.host === 'neuronaldynamics.epfl.ch'), 'no link to Neuronal Dynamics');
      assert.ok(top.links.some((h) => new URL(h).pathname.endsWith('/playground.html')), 'no link to the playground');
      for (const name of ['Jason K. Eshraghian', 'Gerstner']) assert.ok(top.text.includes(name), `no credit to ${name}`);
      // A figure's link to the playground opens it with the figure's model and input.
      const link = await page.locator(`${sel('lapicque-step')} a.figure-playground`).getAttribute('href');
      const parts = new URLSearchParams(new URL(link, env.server.url).hash.slice(1));
      assert.equal(parts.get('playground.model'), specs['lapicque-step'].scenario.model);
      assert.equal(parts.get('playground.input'), Object.keys(specs['lapicque-step'].scenario.input)[0]);
      const playground = await context.newPage();
      await playground.goto(new URL(link, `${env.server.url}index.html`).href, { waitUntil: 'load' });
      await pageReady(playground);
      const shown = await playground.evaluate(() => ({ notice: document.querySelector('.playground-notice').hidden, model: document.querySelector('snn-figure').spec.scenario.model }));
      assert.deepEqual(shown, { notice: true, model: specs['lapicque-step'].scenario.model });
      // The embedded figure carries the credit too.
      assert.match(readFileSync(join(distDir, 'embed.html'), 'utf8'), /Eshraghian[\s\S]*Neuronal Dynamics/);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
    }
  });
});
