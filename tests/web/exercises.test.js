// The exercises (web/src/exercises.js, <snn-exercise>): each has a solution among its controls' positions,
// found by the core, and its starting settings do not meet its goal (Node); in Debian's Chromium, each is
// solved through its figure's controls — "Not yet" with other values, "Solved" with the solution — and says
// so with a `snn-exercise` event on document, in localStorage (kept over a reload), and, inside an iframe, with
// a message to the framing page. Hints come one at a time; "Show a solution" solves one.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSnn } from '../../wasm/index.js';
import { checkGoal, exerciseSpec, exercises, findSolution, scenarioWith } from '../../web/src/exercises.js';
import { serverAndBrowser, settle, watchPage } from './harness.js';

const TIMEOUT = 120_000;
const env = serverAndBrowser();
let snn;
before(async () => {
  snn = await loadSnn();
});

const defaults = (spec) => Object.fromEntries((spec.controls || []).map((c) => [c.key, c.path.split('.').reduce((o, k) => o?.[k], spec.scenario)]));
function goalAt(exercise, spec, values) {
  const variants = spec.variants?.length ? spec.variants : [null];
  const traces = variants.map((v) => snn.runScenario(scenarioWith(spec, v, values)));
  const rerun = (v) => snn.runScenario(scenarioWith(spec, variants[0], v));
  return checkGoal(exercise.check, traces, { rerun, controls: spec.controls, values });
}

describe('exercises in Node', () => {
  test('at least eight, each with a solution the core finds among its controls\' positions, none met at its start', () => {
    assert.ok(Object.keys(exercises).length >= 8);
    const lessons = new Set();
    for (const [id, exercise] of Object.entries(exercises)) {
      for (const seed of [1, 777]) {
        const spec = exerciseSpec(exercise, seed);
        const start = defaults(spec);
        assert.equal(goalAt(exercise, spec, start).met, false, `${id}: met before the learner did anything`);
        const solution = findSolution(snn, exercise, spec, start);
        assert.ok(solution, `${id}: no position of ${exercise.solve} meets the goal`);
        assert.equal(goalAt(exercise, spec, solution).met, true, `${id}: the solution found does not meet the goal`);
        for (const key of exercise.solve) {
          const c = spec.controls.find((x) => x.key === key);
          assert.ok(solution[key] >= c.min && solution[key] <= c.max, `${id}: ${key} = ${solution[key]} outside its slider`);
        }
      }
      assert.ok(exercise.hints.length >= 2, `${id}: hints`);
      lessons.add(exercise.lesson);
    }
    assert.ok(lessons.size >= 4, `spread over the lessons: ${[...lessons]}`);
  });

  // Each goal read off the solution's traces here, by hand, not through checkGoal.
  const nonZero = (arr) => Array.from(arr.data).flatMap((v, i) => (v !== 0 ? [i] : []));
  const column = (arr, n) => { const w = arr.data.length / arr.shape[0]; return Array.from({ length: arr.shape[0] }, (_, t) => arr.data[t * w + n]); };
  const BY_HAND = {
    'first-spike-50': ([t]) => column(t.get('spk'), 0).indexOf(1) === 50,
    rheobase: ([t], values, spec) => nonZero(t.get('spk')).length > 0 &&
      nonZero(snn.runScenario(scenarioWith(spec, null, { ...values, amp: Number((values.amp - 0.01).toFixed(2)) })).get('spk')).length === 0,
    'halve-in-5': ([t]) => Math.abs(t.get('mem').data[4] - 0.5) <= 0.005,
    'same-count': (traces) => nonZero(traces[0].get('spk')).length === nonZero(traces[1].get('spk')).length && nonZero(traces[0].get('spk')).length > 0,
    mystery: ([a, b]) => ['spk', 'mem'].every((n) => a.get(n).data.every((v, i) => Object.is(v, b.get(n).data[i]))),
    'latency-10': ([t]) => column(t.input, 5).findIndex((v) => v !== 0) === 10,
    'network-count': ([t]) => nonZero(t.get('spk2')).length <= 5,
    'five-spikes': ([t]) => nonZero(t.get('spk')).length === 5,
  };

  test('each solution meets its goal read by hand off the core\'s traces', () => {
    assert.deepEqual(Object.keys(BY_HAND).sort(), Object.keys(exercises).sort());
    for (const [id, exercise] of Object.entries(exercises)) {
      const spec = exerciseSpec(exercise, 5);
      const values = findSolution(snn, exercise, spec, defaults(spec));
      const traces = (spec.variants?.length ? spec.variants : [null]).map((v) => snn.runScenario(scenarioWith(spec, v, values)));
      assert.ok(BY_HAND[id](traces, values, spec), `${id}: ${JSON.stringify(values)}`);
      assert.ok(!BY_HAND[id]((spec.variants?.length ? spec.variants : [null]).map((v) => snn.runScenario(scenarioWith(spec, v, defaults(spec)))), defaults(spec), spec), `${id}: met at the start`);
    }
  });

  test('the mystery neuron is drawn per learner: other seeds, other parameters, other solutions', () => {
    const found = new Set([1, 2, 3, 4, 5, 6].map((seed) => JSON.stringify(findSolution(snn, exercises.mystery, exerciseSpec(exercises.mystery, seed)))));
    assert.ok(found.size >= 3, [...found].join(' '));
  });

  test('a goal fails one position away from a first-spike solution', () => {
    const exercise = exercises['first-spike-50'];
    const spec = exerciseSpec(exercise);
    const solution = findSolution(snn, exercise, spec, defaults(spec));
    assert.equal(goalAt(exercise, spec, { ...solution, amp: Number((solution.amp + 0.05).toFixed(2)) }).met, false);
  });
});

// Sets a figure control's number field inside an exercise and commits it.
async function setControl(page, id, key, value) {
  const box = page.locator(`snn-exercise[ref="${id}"] .control[data-key="${key}"] input[type=number]`);
  await box.fill(String(value));
  await box.press('Enter');
}

async function exerciseState(page, id) {
  return page.evaluate((i) => {
    const ex = document.querySelector(`snn-exercise[ref="${i}"]`);
    return { status: ex.querySelector('.exercise-status').textContent, solved: ex.classList.contains('solved'), badge: ex.querySelector('.exercise-badge').textContent };
  }, id);
}

async function waitStatus(page, id, pattern) {
  await page.waitForFunction(([i, p]) => new RegExp(p).test(document.querySelector(`snn-exercise[ref="${i}"] .exercise-status`)?.textContent || ''), [id, pattern.source], { timeout: 20_000 });
}

describe('exercises in Chromium', { timeout: TIMEOUT * 3 }, () => {
  test('each is solved through its controls, announced, and remembered over a reload', { timeout: TIMEOUT * 2 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.addInitScript(() => {
        window.__events = [];
        document.addEventListener('snn-exercise', (e) => window.__events.push(e.detail));
      });
      await page.goto(`${env.server.url}index.html`, { waitUntil: 'load' });
      await settle(page);
      const seed = Number(await page.evaluate(() => localStorage.getItem('snn-tutorial.learner-seed')));
      assert.ok(seed > 0, 'a learner seed is kept');
      for (const [id, exercise] of Object.entries(exercises)) {
        const spec = exerciseSpec(exercise, seed);
        const el = page.locator(`snn-exercise[ref="${id}"]`);
        await el.scrollIntoViewIfNeeded();
        await page.waitForFunction((i) => document.querySelector(`snn-exercise[ref="${i}"] snn-figure`)?.trace, id, { timeout: 30_000 });
        await waitStatus(page, id, /^Not yet/);
        const solution = findSolution(snn, exercise, spec, defaults(spec));
        for (const key of exercise.solve) await setControl(page, id, key, solution[key]);
        await waitStatus(page, id, /^Solved/);
        const state = await exerciseState(page, id);
        assert.ok(state.solved, `${id}: ${state.status}`);
        assert.ok((await page.evaluate(() => window.__events)).some((e) => e.id === id && e.solved === true), `${id}: no snn-exercise event on document`);
        // Another value again: not solved any more.
        const first = exercise.solve[0];
        const c = spec.controls.find((x) => x.key === first);
        const away = solution[first] === c.min ? c.max : c.min;
        if (!goalAt(exercise, spec, { ...solution, [first]: away }).met) {
          await setControl(page, id, first, away);
          await waitStatus(page, id, /^Not yet/);
        }
      }
      const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('snn-tutorial.exercises')));
      assert.deepEqual(Object.keys(kept).sort(), Object.keys(exercises).sort());
      await page.reload({ waitUntil: 'load' });
      await settle(page);
      for (const id of Object.keys(exercises)) assert.match((await exerciseState(page, id)).badge, /solved/, `${id}: progress not kept`);
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('hints come one at a time; "Show a solution" solves it with the core', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.url}embed.html#exercise=halve-in-5`, { waitUntil: 'load' });
      await settle(page);
      await waitStatus(page, 'halve-in-5', /^Not yet/);
      const hint = page.getByRole('button', { name: 'Show a hint' });
      await hint.click();
      assert.equal(await page.locator('.exercise-hints li').count(), 1);
      await hint.click();
      assert.equal(await page.locator('.exercise-hints li').count(), exercises['halve-in-5'].hints.length);
      assert.ok(await hint.isDisabled());
      await page.getByRole('button', { name: 'Show a solution' }).click();
      await waitStatus(page, 'halve-in-5', /^Solved/);
      const values = await page.evaluate(() => document.querySelector('snn-figure').values);
      const spec = exerciseSpec(exercises['halve-in-5']);
      assert.equal(goalAt(exercises['halve-in-5'], spec, values).met, true);
    } finally {
      await context.close();
    }
  });

  test('inside an iframe, a solved exercise posts { type: "snn-exercise", id, solved } to the framing page', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.route('**/lms-host.html', (route) => route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>LMS</title><script>window.__messages = []; addEventListener("message", (e) => window.__messages.push(e.data));</script>' +
          '<iframe src="embed.html#exercise=rheobase" width="900" height="900" title="exercise"></iframe>',
      }));
      await page.goto(`${env.server.url}lms-host.html`, { waitUntil: 'load' });
      const frame = page.frames().find((f) => f.url().includes('embed.html'));
      await frame.waitForFunction(() => document.querySelector('snn-figure')?.trace, null, { timeout: 30_000 });
      const box = frame.locator('.control[data-key="amp"] input[type=number]');
      await box.fill('0.2');
      await box.press('Enter');
      await frame.waitForFunction(() => /^Not yet/.test(document.querySelector('.exercise-status').textContent));
      await box.fill('0.21');
      await box.press('Enter');
      await page.waitForFunction(() => window.__messages.some((m) => m && m.type === 'snn-exercise'), null, { timeout: 20_000 });
      const messages = await page.evaluate(() => window.__messages.filter((m) => m && m.type === 'snn-exercise'));
      assert.deepEqual(messages.at(-1), { type: 'snn-exercise', id: 'rheobase', solved: true });
    } finally {
      await context.close();
    }
  });
});
