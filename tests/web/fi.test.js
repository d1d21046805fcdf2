// The F-I figure of index.html (fi-curve: the step current swept for Lapicque, Leaky and Synaptic, each
// run's spikes counted), in Debian's Chromium against dist/ (`node scripts/build-web.mjs --quiet` first):
//  1. it draws, and every point it plots is what an independent runScenario of that current's own Scenario
//     (no sweep) counts, in the page; each dashed mark stands at the first current those runs say fires
//  2. a higher threshold moves no rheobase left and some right; a higher β moves no Leaky or Synaptic
//     rheobase right and some left, and leaves Lapicque's (its membrane settles at I·R either way); each
//     move re-renders the canvas, and the figure then plots what the independent runs count
//  3. the pointer's and the keyboard's read-outs give the current, its count and the neuron
//  4. at the defaults the real snnTorch 0.9.4 (tests/reference/fi_curves.py, which shares no code with the
//     page) counts the same spikes and first spikes
//  5. the exports: the CSV of the spike counts, the Scenario JSON replayed by `snn run`, and the snnTorch
//     code and notebook run with the real snnTorch (run_export.py), all give the figure's counts; a PNG
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeCli } from '../wasm/helpers.js';
import { snntorchCurves } from '../reference/snntorch-curves.js';
import { assertSameAsCore, runExports } from './exports.js';
import { frames, openReady, serverAndBrowser } from './harness.js';

const TIMEOUT = 60_000;
const SEL = 'snn-figure[ref="fi-curve"]';

const env = serverAndBrowser();
let context;
let page;
let watch;
let dir;


// What the figure shows: per variant its label, Scenario, the counts and first spikes of its result, and the
// drawn panel's points and marks; the canvas's checksum.
function shown() {
  return page.evaluate((sel) => {
    const f = document.querySelector(sel);
    const panel = f.panels[0];
    const { data } = panel.canvas.getContext('2d').getImageData(0, 0, panel.canvas.width, panel.canvas.height);
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) checksum = (Math.imul(checksum, 31) + ((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])) | 0;
    const colours = new Set();
    for (let i = 0; i < data.length && colours.size < 3; i += 4) colours.add(data.slice(i, i + 4).join());
    const options = panel.drawn.options;
    return {
      values: { ...f.values },
      notice: f.notice.hidden ? null : f.notice.textContent,
      runs: f.variants().map((v, i) => ({
        label: v.label,
        scenario: f.scenarioFor(v),
        swept: Array.from(f.traces[i].values),
        spikeCount: Array.from(f.traces[i].spikeCount),
        firstSpike: Array.from(f.traces[i].firstSpike),
      })),
      x: Array.from(options.x),
      series: options.series.map((s) => ({ label: s.label, values: Array.from(s.values) })),
      markers: options.markers.map((m) => ({ x: m.x, label: m.label, color: m.color })),
      colours: options.series.map((s) => s.color),
      checksum,
      distinctColours: colours.size,
    };
  }, SEL);
}

// Each value's own Scenario (the figure's with that value at the sweep's path, no sweep), run one by one in
// the page: its spike count and first spike.
function independentRuns(scenarios) {
  return page.evaluate(async (scenarios) => {
    const snn = await window.snnReady;
    return scenarios.map((scenario) => scenario.sweep.values.map((value) => {
      const one = structuredClone(scenario);
      const { path } = one.sweep;
      delete one.sweep;
      const keys = path.split('.');
      let at = one;
      for (const k of keys.slice(0, -1)) at = at[k];
      at[keys.at(-1)] = value;
      const spk = snn.runScenario(one).get('spk').data;
      let count = 0;
      let first = -1;
      spk.forEach((s, t) => {
        if (s === 0) return;
        count++;
        if (first < 0) first = t;
      });
      return { value, count, first };
    }));
  }, scenarios);
}

// The smallest swept value whose count is non-zero (Infinity when none is): read off the independent runs.
const firstFiring = (runs) => Math.min(...runs.filter((r) => r.count > 0).map((r) => r.value));

// The figure plots exactly the independent runs' counts, has their first spikes, and marks their rheobases.
async function assertPlotsIndependentRuns(what) {
  const s = await shown();
  assert.equal(s.notice, null, `${what}: a notice: ${s.notice}`);
  const independent = await independentRuns(s.runs.map((r) => r.scenario));
  s.runs.forEach((run, i) => {
    const counts = independent[i].map((r) => r.count);
    assert.deepEqual(run.swept, independent[i].map((r) => r.value), `${what}, ${run.label}: the swept values`);
    assert.deepEqual(s.x, run.swept, `${what}: the plotted currents`);
    assert.deepEqual(s.series[i], { label: run.label, values: counts }, `${what}, ${run.label}: the plotted counts`);
    assert.deepEqual(run.spikeCount, counts, `${what}, ${run.label}: the figure's counts`);
    assert.deepEqual(run.firstSpike, independent[i].map((r) => r.first), `${what}, ${run.label}: the first spikes`);
    assert.ok(counts.some((c) => c > 0) && counts.some((c) => c === 0), `${what}, ${run.label}: the curve says nothing (${counts})`);
  });
  const rheobases = independent.map(firstFiring);
  const marked = rheobases.map((r, i) => ({ x: r, label: String(r), color: s.colours[i] })).filter((m) => Number.isFinite(m.x));
  assert.deepEqual(s.markers, marked, `${what}: the marked rheobases`);
  assert.ok(s.distinctColours >= 3, `${what}: the canvas is blank`);
  return { ...s, rheobases };
}

// Presses a key on one of the figure's sliders `times` times and waits for the re-run.
async function press(key, button, times) {
  const range = page.locator(`${SEL} .control[data-key="${key}"] input[type=range]`);
  await range.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(button);
  await frames(page);
}

describe('the F-I figure', { timeout: TIMEOUT * 3 }, () => {
  // One page for every test (they run in order): the browser and the server start in the file's own hooks.
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'snn-fi-web-'));
    context = await env.browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    ({ page, watch } = await openReady(context, `${env.server.url}index.html`));
    await page.locator(SEL).scrollIntoViewIfNeeded();
    await frames(page);
  });
  after(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('it plots each current\'s own run and marks where each neuron starts to fire', { timeout: TIMEOUT }, async () => {
    const s = await assertPlotsIndependentRuns('defaults');
    assert.deepEqual(s.values, { beta: 0.9, thr: 1 });
    assert.deepEqual(s.runs.map((r) => r.scenario.model), ['Lapicque', 'Leaky', 'Synaptic']);
    // The three neurons start to fire at different currents, the synaptic current's gain first.
    assert.ok(s.rheobases[2] < s.rheobases[1] && s.rheobases[1] < s.rheobases[0], `rheobases ${s.rheobases}`);
    const summary = await page.evaluate((sel) => document.querySelector(sel).summary.textContent, SEL);
    for (const [i, run] of s.runs.entries()) assert.ok(summary.includes(`${run.label}: first fires at current ${s.rheobases[i]}`), summary);
  });

  test('a higher threshold moves the rheobases right, a higher β moves Leaky\'s and Synaptic\'s left', { timeout: TIMEOUT }, async () => {
    const start = await assertPlotsIndependentRuns('defaults');
    await press('thr', 'ArrowRight', 10);
    const higher = await assertPlotsIndependentRuns('threshold raised');
    assert.equal(higher.values.thr, 1.5);
    assert.notEqual(higher.checksum, start.checksum, 'the canvas was not redrawn');
    higher.rheobases.forEach((r, i) => assert.ok(r >= start.rheobases[i], `${higher.runs[i].label}: the rheobase went from ${start.rheobases[i]} to ${r} under a higher threshold`));
    assert.ok(higher.rheobases.some((r, i) => r > start.rheobases[i]), `no rheobase moved: ${higher.rheobases}`);

    await press('beta', 'ArrowRight', 5);
    const slower = await assertPlotsIndependentRuns('β raised');
    assert.equal(slower.values.beta, 0.95);
    assert.notEqual(slower.checksum, higher.checksum, 'the canvas was not redrawn');
    const [lapicque, leaky, synaptic] = [0, 1, 2];
    for (const i of [leaky, synaptic]) assert.ok(slower.rheobases[i] <= higher.rheobases[i], `${slower.runs[i].label}: the rheobase went from ${higher.rheobases[i]} to ${slower.rheobases[i]} under a higher β`);
    assert.ok(slower.rheobases[leaky] < higher.rheobases[leaky], `Leaky's rheobase stayed at ${slower.rheobases[leaky]}`);
    assert.equal(slower.rheobases[lapicque], higher.rheobases[lapicque], 'Lapicque\'s rheobase moved with β');
    // Lapicque charges more slowly: above its rheobase it fires less often.
    assert.ok(slower.series[lapicque].values.at(-1) < higher.series[lapicque].values.at(-1), 'Lapicque does not fire less often under a higher β');

    await page.locator(`${SEL} .figure-reset`).click();
    await frames(page);
    assert.deepEqual((await shown()).checksum, start.checksum, 'Reset to defaults does not draw the defaults again');
  });

  test('the pointer and the keyboard read out the current, its count and the neuron', { timeout: TIMEOUT }, async () => {
    const s = await shown();
    // The pointer on Leaky's point at the largest current.
    const at = await page.evaluate((sel) => {
      const { canvas, layout } = document.querySelector(sel).panels[0];
      const rect = canvas.getBoundingClientRect();
      const i = layout.xs.length - 1;
      return { x: rect.left + layout.xScale(layout.xs[i]), y: rect.top + layout.yScale(layout.series[1].values[i]) };
    }, SEL);
    await page.mouse.move(at.x - 1, at.y + 1);
    await frames(page);
    const hover = await page.evaluate((sel) => {
      const f = document.querySelector(sel);
      return { text: f.panels[0].readout.textContent, line: !f.panels[0].hoverLine.hidden };
    }, SEL);
    const top = s.x.length - 1;
    assert.equal(hover.text, `current ${s.x[top]}: ${s.series[1].values[top]} spikes (Leaky)`);
    assert.ok(hover.line, 'no line marks the hovered current');
    await page.mouse.move(0, 0);

    // The keyboard: End, then the next line up, then Home.
    await page.locator(`${SEL} canvas`).focus();
    const readout = () => page.evaluate((sel) => document.querySelector(sel).panels[0].readout.textContent, SEL);
    const spikes = (n) => `${n} spike${n === 1 ? '' : 's'}`;
    await page.keyboard.press('End');
    assert.equal(await readout(), `current ${s.x[top]}: ${spikes(s.series[0].values[top])} (${s.series[0].label})`);
    await page.keyboard.press('ArrowUp');
    assert.equal(await readout(), `current ${s.x[top]}: ${spikes(s.series[1].values[top])} (Leaky)`);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    assert.equal(await readout(), `current ${s.x[1]}: ${spikes(s.series[1].values[1])} (Leaky)`);
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  });

  test('at the defaults the real snnTorch counts the same spikes and first spikes', { timeout: TIMEOUT }, async () => {
    const s = await shown();
    const files = s.runs.map((run, i) => {
      const path = join(dir, `fi-variant-${i}.json`);
      writeFileSync(path, JSON.stringify(run.scenario));
      return path;
    });
    const curves = snntorchCurves(files);
    s.runs.forEach((run, i) => {
      const want = curves[`fi-variant-${i}.json`];
      assert.deepEqual(want.values, run.swept, `${run.label}: values`);
      assert.deepEqual(want.spike_count.map(([c]) => c), run.spikeCount, `${run.label}: snnTorch's spike counts`);
      assert.deepEqual(want.first_spike.map(([f]) => f), run.firstSpike, `${run.label}: snnTorch's first spikes`);
    });
  });

  test('the CSV, the Scenario JSON, the snnTorch code and notebook give the figure\'s counts; a PNG', { timeout: TIMEOUT }, async () => {
    const s = await shown();
    const download = async (label) => {
      const box = page.locator(`${SEL} details.figure-export`);
      if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), box.getByRole('button', { name: label, exact: true }).click()]);
      const path = join(dir, dl.suggestedFilename());
      await dl.saveAs(path);
      await page.waitForTimeout(500); // Chromium drops a download that follows another too closely
      return path;
    };
    // Fields split at commas outside quotes; a quoted field's doubled quotes are one.
    const fields = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, f]) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f));
    const csv = readFileSync(await download('CSV of the spike counts'), 'utf8').trimEnd().split('\n').map(fields);
    assert.deepEqual(csv[0], ['value', ...s.runs.flatMap((r) => [`${r.label}:count_0`, `${r.label}:first_0`])]);
    assert.deepEqual(csv.slice(1).map((row) => row.map(Number)), s.x.map((x, i) => [x, ...s.runs.flatMap((r) => [r.spikeCount[i], r.firstSpike[i]])]));

    const json = await download('Scenario JSON');
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), s.runs[0].scenario);
    const native = spawnSync(nativeCli, ['run', json], { encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    assert.deepEqual(JSON.parse(native.stdout).spike_count.map(([c]) => c), s.runs[0].spikeCount, 'snn run of the exported Scenario');

    const png = readFileSync(await download('PNG image'));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'the PNG export is no PNG');
    assert.ok(png.length > 10_000, `the PNG export has ${png.length} bytes`);

    const script = await download('snnTorch code');
    const notebook = await download('Jupyter notebook (Colab)');
    const [result, fromNotebook] = runExports([{ script, main: true }, { notebook }]);
    const results = s.runs.map((r) => ({ values: r.swept, spikeCount: Int32Array.from(r.spikeCount), firstSpike: Int32Array.from(r.firstSpike) }));
    assertSameAsCore(result, s.runs, results, 'fi-curve.py');
    assertSameAsCore(fromNotebook, s.runs, results, 'fi-curve.ipynb');
    // It prints where each neuron starts to fire, and every count.
    for (const [i, run] of s.runs.entries()) {
      const first = run.swept.find((v, k) => run.spikeCount[k] > 0);
      assert.ok(result.stdout.includes(`${run.label}: fires from ${first}\n`), result.stdout.slice(0, 400));
      assert.ok(result.stdout.includes(`  ${run.swept.at(-1)}: ${run.spikeCount.at(-1)} spikes\n`), `${run.label}: ${i}`);
    }
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  });
});
