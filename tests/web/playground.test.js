// The playground (web/src/playground.js) in Debian's Chromium against dist/ (`node scripts/build-web.mjs
// --quiet` first):
//  1. choices made in the form (model, Lapicque's parameters, input, neurons, steps) and settings moved by
//     keyboard give exactly what runScenario gives in Node; the hash keeps all of it and a reload restores it
//  2. every model x input draws every panel with no notice, at the defaults, through the form
//  3. a changed choice keeps the settings that still apply and drops the others
//  4. bad choices in a link: a notice naming them, the defaults, nothing injected
//  5. a combination the core refuses shows the core's message; a link opened in the same tab is followed
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { playgroundChoices, playgroundSpec as specFor } from '../../web/src/playground.js';
import { serverAndBrowser, settle, watchPage } from './harness.js';

const TIMEOUT = 90_000;

const env = serverAndBrowser();
let snn;
let CHOICES;
const playgroundSpec = (choices) => specFor(choices, snn.catalogue());

before(async () => {
  snn = await loadSnn();
  CHOICES = playgroundChoices(snn.catalogue());
});

function frames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// Waits for the playground's figure (optionally a given one) to have drawn.
async function figureReady(page, id) {
  await page.waitForFunction((want) => {
    const f = document.querySelector('#playground snn-figure');
    return f && f.ready && (!want || f.figureId === want);
  }, id, { timeout: 20_000 });
  await page.evaluate(() => document.querySelector('#playground snn-figure').ready);
  await frames(page);
}

async function open(context, hash = '') {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${env.server.url}playground.html${hash}`, { waitUntil: 'load' });
  await settle(page);
  await figureReady(page);
  return { page, watch };
}

// What the playground's figure shows.
function shown(page) {
  return page.evaluate(() => {
    const f = document.querySelector('#playground snn-figure');
    const canvases = [...f.querySelectorAll('canvas')];
    return {
      id: f.figureId,
      values: { ...f.values },
      keys: f.controls.map((c) => c.key),
      scenario: f.currentScenario(),
      hash: f.trace ? f.trace.hash() : null,
      notice: f.notice && !f.notice.hidden ? f.notice.textContent : null,
      panels: f.spec.panels.length,
      canvases: canvases.length,
      // A canvas that is one flat colour has drawn nothing.
      blank: canvases.filter((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return false;
        return true;
      }).length,
    };
  });
}

const form = (page) => page.evaluate(() => {
  const f = document.querySelector('.playground-choices');
  const visible = (name) => !f.elements[name].closest('label').hidden;
  return {
    model: f.elements.model.value,
    params: visible('params') ? f.elements.params.value : null,
    input: f.elements.input.value,
    neurons: visible('neurons') ? Number(f.elements.neurons.value) : null,
    steps: Number(f.elements.steps.value),
  };
});

async function setNumber(page, name, value) {
  const box = page.locator(`.playground-choices input[name="${name}"]`);
  await box.fill(String(value));
  await box.press('Tab'); // commits: the change event
}

const nodeHash = (scenario) => snn.runScenario(scenario).hash();

describe('playground', { timeout: TIMEOUT * 4 }, () => {
  test('form choices and keyboard settings: exact traces, kept in the hash, restored by a reload', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context);
      assert.equal((await shown(page)).id, 'pg-leaky-step');
      assert.deepEqual(await form(page), { model: 'Leaky', params: null, input: 'step', neurons: null, steps: 200 });

      await page.selectOption('.playground-choices select[name="model"]', 'Lapicque');
      await figureReady(page, 'pg-lapicque-step');
      await page.selectOption('.playground-choices select[name="params"]', 'betaR');
      await page.selectOption('.playground-choices select[name="input"]', 'latency');
      await figureReady(page, 'pg-lapicque-latency');
      await setNumber(page, 'neurons', 12);
      await setNumber(page, 'steps', 300);
      await page.waitForFunction(() => document.querySelector('#playground snn-figure')?.spec?.scenario.num_steps === 300, null, { timeout: 10_000 });
      await figureReady(page, 'pg-lapicque-latency');
      let state = await shown(page);
      assert.equal(state.scenario.num_neurons, 12);
      assert.equal(state.scenario.num_steps, 300);
      assert.ok('beta' in state.scenario.constructor && 'R' in state.scenario.constructor && !('C' in state.scenario.constructor), JSON.stringify(state.scenario.constructor));
      for (const key of ['beta', 'R', 'threshold', 'reset_mechanism', 'u0', 'timing', 'latency_tau', 'latency_threshold', 'latency_linear', 'latency_normalize',
        'latency_clip', 'latency_bypass', 'latency_first_spike_time', 'latency_on_target'])
        assert.ok(state.keys.includes(key), `no control ${key}: ${state.keys}`);
      assert.equal(state.canvases, state.panels);
      assert.equal(state.blank, 0, 'a blank panel');
      assert.equal(state.hash, nodeHash(state.scenario));

      // Settings by keyboard: a slider and a checkbox (linear is a bool, so it is one).
      const range = page.locator('#playground snn-figure .control[data-key="latency_tau"] input[type=range]');
      await range.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const linear = page.locator('#playground snn-figure .control[data-key="latency_linear"] input[type=checkbox]');
      await linear.focus();
      await page.keyboard.press('Space');
      await frames(page);
      state = await shown(page);
      assert.equal(state.values.latency_tau, 6);
      assert.equal(state.values.latency_linear, true);
      assert.equal(state.scenario.input.latency.linear, true);
      assert.equal(state.notice, null, state.notice);
      assert.equal(state.hash, nodeHash(state.scenario), 'the page differs from runScenario');

      const parts = ['playground.model=Lapicque', 'playground.params=betaR', 'playground.input=latency', 'playground.neurons=12', 'playground.steps=300',
        'pg-lapicque-latency.latency_tau=6', 'pg-lapicque-latency.latency_linear=true'];
      await page.waitForFunction((want) => want.every((p) => location.hash.slice(1).split('&').includes(p)), parts, { timeout: 5000 });
      const hash = await page.evaluate(() => location.hash);

      await page.reload({ waitUntil: 'load' });
      await settle(page);
      await figureReady(page, 'pg-lapicque-latency');
      assert.equal(await page.evaluate(() => location.hash), hash);
      assert.deepEqual(await form(page), { model: 'Lapicque', params: 'betaR', input: 'latency', neurons: 12, steps: 300 });
      const reloaded = await shown(page);
      assert.deepEqual(reloaded.values, state.values);
      assert.equal(reloaded.hash, state.hash);
      assert.equal(reloaded.notice, null);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('every model and input, chosen in the form, draws every panel with no notice', { timeout: TIMEOUT * 2 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, '#playground.neurons=5');
      const problems = [];
      let count = 0;
      for (const model of CHOICES.models) {
        for (const params of model === 'Lapicque' ? CHOICES.params : [null]) {
          for (const input of CHOICES.inputs) {
            await page.selectOption('.playground-choices select[name="model"]', model);
            if (params) await page.selectOption('.playground-choices select[name="params"]', params);
            await page.selectOption('.playground-choices select[name="input"]', input);
            const id = `pg-${model}-${input}`.toLowerCase();
            await figureReady(page, id);
            const state = await shown(page);
            const label = `${model}${params ? `/${params}` : ''} × ${input}`;
            const want = playgroundSpec({ model, params: params || undefined, input, neurons: 5, steps: 200 });
            if (JSON.stringify(state.scenario) !== JSON.stringify(want.scenario)) problems.push(`${label}: scenario ${JSON.stringify(state.scenario)}`);
            if (state.notice !== null) problems.push(`${label}: notice ${state.notice}`);
            if (state.canvases !== want.panels.length || state.blank) problems.push(`${label}: ${state.canvases} canvases, ${state.blank} blank`);
            if (state.hash !== nodeHash(state.scenario)) problems.push(`${label}: trace differs from runScenario`);
            count++;
          }
        }
      }
      assert.deepEqual(problems, []);
      assert.equal(count, (CHOICES.models.length + CHOICES.params.length - 1) * CHOICES.inputs.length);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('a changed choice keeps the settings that still apply', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, '#playground.model=Leaky&playground.input=step&playground.steps=200');
      const number = (key) => page.locator(`#playground snn-figure .control[data-key="${key}"] input[type=number]`);
      await number('beta').fill('0.9');
      await number('beta').press('Enter');
      await number('threshold').fill('0.6');
      await number('threshold').press('Enter');
      await number('step_amplitude').fill('0.7');
      await number('step_amplitude').press('Enter');
      await frames(page);

      await page.selectOption('.playground-choices select[name="input"]', 'rate');
      await figureReady(page, 'pg-leaky-rate');
      let state = await shown(page);
      assert.equal(state.values.beta, 0.9, 'β was not carried');
      assert.equal(state.values.threshold, 0.6, 'the threshold was not carried');
      assert.ok(!('step_amplitude' in state.values));
      assert.equal(state.hash, nodeHash(state.scenario));
      await page.waitForFunction(() => location.hash.includes('pg-leaky-rate.beta=0.9') && !location.hash.includes('pg-leaky-step'), null, { timeout: 5000 });

      // Alpha's β must stay below its α: 0.9 is out of its range, so Alpha starts at its own β.
      await page.selectOption('.playground-choices select[name="model"]', 'Alpha');
      await figureReady(page, 'pg-alpha-rate');
      state = await shown(page);
      assert.equal(state.values.beta, 0.7);
      assert.equal(state.values.threshold, 0.6);
      assert.equal(state.notice, null);

      // More steps: a start beyond the old range is kept, one past the new end is not.
      await page.selectOption('.playground-choices select[name="input"]', 'step');
      await figureReady(page, 'pg-alpha-step');
      await number('step_start').fill('150');
      await number('step_start').press('Enter');
      await setNumber(page, 'steps', 100);
      await page.waitForFunction(() => document.querySelector('#playground snn-figure')?.spec?.scenario.num_steps === 100, null, { timeout: 10_000 });
      await figureReady(page, 'pg-alpha-step');
      state = await shown(page);
      assert.equal(state.values.step_start, 10, 'a start past the last step was kept');
      assert.equal(state.values.threshold, 0.6);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('bad choices in a link: a notice, the defaults, nothing injected; a refused combination shows why', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, '#playground.model=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E&playground.input=rate&playground.steps=abc&playground.neurons=500');
      const notice = page.locator('.playground-notice');
      assert.ok(await notice.isVisible());
      const text = await notice.textContent();
      assert.match(text, /model "<img src=x onerror=window.__pwned=1>" is not one of/);
      assert.match(text, /steps must be a whole number 10\.\.1000, got "abc"/);
      assert.match(text, /neurons must be a whole number 1\.\.100, got "500"/);
      assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(await form(page), { model: 'Leaky', params: null, input: 'rate', neurons: 1, steps: 200 });

      // A setting the core refuses in this combination: its message, not a broken figure.
      await page.goto(`${env.server.url}playground.html#playground.model=Leaky&playground.input=latency&playground.steps=20`, { waitUntil: 'load' });
      await settle(page);
      await figureReady(page, 'pg-leaky-latency');
      const value = page.locator('#playground snn-figure .control[data-key="latency_values"] input[type=number]');
      await value.fill('0');
      await value.press('Enter');
      await frames(page);
      const state = await shown(page);
      assert.match(state.notice || '', /num_steps must be at least/);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('a playground link opened in the same tab is followed', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, '#playground.model=Leaky&playground.input=step');
      await page.evaluate(() => { location.hash = '#playground.model=Alpha&playground.input=periodic&playground.steps=120&pg-alpha-periodic.threshold=0.8'; });
      await figureReady(page, 'pg-alpha-periodic');
      const state = await shown(page);
      assert.equal(state.values.threshold, 0.8);
      assert.equal(state.scenario.num_steps, 120);
      assert.deepEqual(await form(page), { model: 'Alpha', params: null, input: 'periodic', neurons: null, steps: 120 });
      assert.equal(state.hash, nodeHash(state.scenario));
      // Same choices, other settings: the figure follows without being replaced.
      await page.evaluate(() => { window.__figure = document.querySelector('#playground snn-figure'); location.hash = '#playground.model=Alpha&playground.input=periodic&playground.steps=120&pg-alpha-periodic.threshold=0.9'; });
      await page.waitForFunction(() => document.querySelector('#playground snn-figure').values.threshold === 0.9, null, { timeout: 5000 });
      assert.ok(await page.evaluate(() => window.__figure === document.querySelector('#playground snn-figure')));
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});
