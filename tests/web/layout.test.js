// The three pages as a reader meets them, in Debian's Chromium against dist/: on a desktop (1280×800), on a
// phone (390×844, DPR 3, touch) and on paper (print media at an A4 page's width). In each:
//  1. the page never scrolls sideways
//  2. every display equation fits its column or scrolls inside its own box (on paper: fits)
//  3. no control sticks out of its figure
//  4. the time-axis panels of every figure share their plot's left and right edges within 1 px: their
//     data-plot-left / data-plot-right, the layout they were drawn with, and (on screen) the pixels of the
//     x axis line they drew
// and on the phone a touch drag on a plot shows a read-out of that step; on paper every figure is kept on one
// page with its controls hidden and its current settings printed under it. Screenshots of every page in
// every mode go to test-output/screenshots/layout-*.png (and the printed tutorial to layout-print-index.pdf)
// for a person to look at.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frames, pageReady, renderAllSections, screenshotDir, serverAndBrowser, watchPage } from './harness.js';

const TIMEOUT = 120_000;

const MODES = {
  desktop: { context: { viewport: { width: 1280, height: 800 } } },
  phone: { context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true } },
  // An A4 page is 794 CSS px wide; Chromium's default print margins leave about 718 of them.
  print: { context: { viewport: { width: 718, height: 1000 } }, media: 'print' },
};

const PAGES = {
  index: 'index.html',
  embed: 'embed.html#figure=network',
  playground: 'playground.html#playground.model=Synaptic&playground.input=rate&playground.neurons=5',
  guide: 'embedding.html',
};

// The guide's gallery draws every figure as a thumbnail, some 380 px wide: there a legend takes two rows,
// the plot's bottom falls between device pixels, and traces that rest at 0 (lapicque-pulses, alpha's
// input) cover their x axis line, which the pixel scan below then cannot find. Its edges are still checked
// from data-plot-* and the layouts; only that scan is left out there.
const NO_AXIS_SCAN = new Set(['guide']);

// The printable height of a page (A4 at 96 px per inch, less the default margins), CSS px.
const PAGE_HEIGHT = 1000;

const env = serverAndBrowser();

// Sections far from the window are not laid out (content-visibility: auto) until the reader scrolls near
// them; a test that jumps straight to a figure would find the page still settling around it. Render them all.

async function open(mode, name) {
  const context = await env.browser.newContext(MODES[mode].context);
  const page = await context.newPage();
  const watch = watchPage(page);
  if (MODES[mode].media) await page.emulateMedia({ media: MODES[mode].media });
  await page.goto(env.server.url + PAGES[name], { waitUntil: 'load' });
  await pageReady(page);
  await renderAllSections(page);
  await frames(page);
  return { context, page, watch };
}

// Every problem the page shows in this mode, one line each.
function layoutProblems(page, print) {
  return page.evaluate((print) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);
    const main = document.querySelector('main').getBoundingClientRect();
    document.querySelectorAll('.math-display').forEach((box, i) => {
      const fits = box.scrollWidth <= box.clientWidth + 1;
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
      const r = box.getBoundingClientRect();
      if (r.left < main.left - 0.5 || r.right > main.right + 0.5) problems.push(`equation ${i + 1}: its box (${Math.round(r.left)}-${Math.round(r.right)}) leaves the column`);
      if (!fits && (print || !scrolls)) problems.push(`equation ${i + 1}: ${box.scrollWidth} px wide in ${box.clientWidth} px${print ? ' on paper' : ', and it does not scroll'}`);
    });
    // Laid out and seen: not in a closed <details>, not display: none, not invisible.
    const shown = (e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true });
    };
    for (const figure of document.querySelectorAll('snn-figure')) {
      const ref = figure.getAttribute('ref') || figure.figureId;
      const f = figure.getBoundingClientRect();
      for (const c of figure.shadowRoot.querySelectorAll('input, select, button, summary, label, output, a')) {
        if (!shown(c)) continue;
        const r = c.getBoundingClientRect();
        if (r.left < f.left - 0.5 || r.right > f.right + 0.5 || r.top < f.top - 0.5 || r.bottom > f.bottom + 0.5) {
          problems.push(`${ref}: a ${c.tagName.toLowerCase()} (${(c.textContent || c.getAttribute('aria-label') || c.type || '').trim().slice(0, 30)}) at ${Math.round(r.left)}-${Math.round(r.right)} sticks out of its figure (${Math.round(f.left)}-${Math.round(f.right)})`);
        }
      }
    }
    return problems;
  }, print);
}

// Per figure, per time-axis canvas: where its plot's edges are on the page (from data-plot-*), what the
// layout it was drawn with says, and where the x axis line it drew starts and ends (device pixels / dpr).
function plotEdges(page, withPixels) {
  return page.evaluate((withPixels) => [...document.querySelectorAll('snn-figure')].map((figure) => {
    const ref = figure.getAttribute('ref') || figure.figureId;
    const panels = (figure.panels || []).filter((p) => p.canvas.hasAttribute('data-plot-left'));
    return {
      ref,
      timeAxisPanels: (figure.panels || []).filter((p) => !['bars', 'fi-curve'].includes(p.type)).length,
      panels: panels.map((p) => {
        const c = p.canvas;
        const rect = c.getBoundingClientRect();
        const left = Number(c.dataset.plotLeft);
        const right = Number(c.dataset.plotRight);
        const out = { type: p.type, left: rect.left + left, right: rect.left + right, layoutLeft: p.layout.plot.x, layoutRight: p.layout.plot.x + p.layout.plot.width, attrLeft: left, attrRight: right };
        if (withPixels && p.layout.kind !== 'multiples') {
          // Where the axes are drawn, in the axis colour: the y axis line's column, and the x axis line's
          // last pixel in the rows at the plot's bottom (traces may cross either line).
          const scale = p.drawn.dpr;
          const probe = document.createElement('canvas').getContext('2d');
          probe.fillStyle = p.drawn.options.theme.axis;
          probe.fillRect(0, 0, 1, 1);
          const [ar, ag, ab] = probe.getImageData(0, 0, 1, 1).data;
          const ctx = c.getContext('2d');
          const axisAt = (row, x) => row[4 * x] === ar && row[4 * x + 1] === ag && row[4 * x + 2] === ab;
          const rows = (centre, below = 3) => [-3, -2, -1, 0, 1, 2, 3].filter((d) => d <= below).map((d) => Math.round(centre * scale) + d).filter((y) => y >= 0 && y < c.height);
          // The y axis line: the column most rows of the plot start with (a row with a tick mark starts
          // further left, a row a trace covers further right or not at all).
          const starts = new Map();
          for (let y = Math.ceil(p.layout.plot.y * scale); y < Math.floor((p.layout.plot.y + p.layout.plot.height) * scale); y++) {
            const row = ctx.getImageData(0, y, c.width, 1).data;
            let x = 0;
            while (x < c.width && !axisAt(row, x)) x++;
            if (x < c.width) starts.set(x, (starts.get(x) || 0) + 1);
          }
          const first = [...starts].reduce((best, e) => (e[1] > best[1] ? e : best), [-1, 0])[0];
          let last = -1;
          // (Not below the line: the tick marks hang from it.)
          for (const y of rows(p.layout.plot.y + p.layout.plot.height, 0)) {
            const row = ctx.getImageData(0, y, c.width, 1).data;
            let x = c.width - 1;
            while (x >= 0 && !axisAt(row, x)) x--;
            last = Math.max(last, x);
          }
          out.axisLeft = first / scale;
          out.axisRight = (last + 1) / scale;
        }
        return out;
      }),
    };
  }), withPixels);
}

function alignmentProblems(figures, withPixels) {
  const problems = [];
  for (const { ref, panels, timeAxisPanels } of figures) {
    if (panels.length !== timeAxisPanels) problems.push(`${ref}: ${panels.length} of ${timeAxisPanels} time-axis canvases carry data-plot-left`);
    for (const p of panels) {
      if (Math.abs(p.attrLeft - p.layoutLeft) > 0.01 || Math.abs(p.attrRight - p.layoutRight) > 0.01) problems.push(`${ref}/${p.type}: data-plot-* (${p.attrLeft}, ${p.attrRight}) are not the plot it was drawn with (${p.layoutLeft}, ${p.layoutRight})`);
      if (withPixels && p.axisLeft !== undefined && (Math.abs(p.axisLeft - p.attrLeft) > 1 || Math.abs(p.axisRight - p.attrRight) > 1)) problems.push(`${ref}/${p.type}: its x axis is drawn from ${p.axisLeft} to ${p.axisRight}, its data-plot-* say ${p.attrLeft} to ${p.attrRight}`);
    }
    if (panels.length < 2) continue;
    const lefts = panels.map((p) => p.left);
    const rights = panels.map((p) => p.right);
    if (Math.max(...lefts) - Math.min(...lefts) > 1) problems.push(`${ref}: plot left edges ${lefts.map((v) => v.toFixed(1)).join(', ')} (${panels.map((p) => p.type).join(', ')})`);
    if (Math.max(...rights) - Math.min(...rights) > 1) problems.push(`${ref}: plot right edges ${rights.map((v) => v.toFixed(1)).join(', ')}`);
  }
  return problems;
}

async function save(page, mode, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `layout-${mode}-${name}.png`), fullPage: true });
}

for (const mode of Object.keys(MODES)) {
  describe(`${mode}`, { timeout: TIMEOUT * 3 }, () => {
    for (const name of Object.keys(PAGES)) {
      test(`${name}: no sideways scrolling, equations fit or scroll, controls inside their figures, one time axis per figure`, { timeout: TIMEOUT }, async () => {
        const { context, page, watch } = await open(mode, name);
        try {
          const pixels = mode !== 'print' && !NO_AXIS_SCAN.has(name);
          const figures = await plotEdges(page, pixels);
          // (A sweep's figure, the F-I curve, has no time axis.)
          assert.ok(figures.some((f) => f.panels.length > 0) && figures.every((f) => f.panels.length > 0 || f.timeAxisPanels === 0), `no figure with a time axis on ${name}`);
          const problems = [...(await layoutProblems(page, mode === 'print')), ...alignmentProblems(figures, pixels)];
          await save(page, mode, name);
          assert.deepEqual(problems, [], problems.join('\n'));
          assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
        } finally {
          await context.close();
        }
      });
    }
  });
}

// The touch read-out: a finger put on a plot and dragged sideways, as Chromium's touch emulation delivers it.
async function touchDrag(page, canvas, fractions) {
  const cdp = await page.context().newCDPSession(page);
  const box = await canvas.evaluate((c) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height, hit: c.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === c };
  });
  assert.ok(box.hit, 'the plot is not what a finger there touches');
  const at = (f) => ({ x: box.x + f * box.width, y: box.y + box.height / 2 });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(fractions[0])] });
  for (const f of fractions.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(f)] });
  return { end: () => cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }), box };
}

// What the panel's read-out says, and what the drawn layout holds at that step for the series it names.
function readoutAgainstLayout(page, selector, index) {
  return page.evaluate(([sel, i]) => {
    const figure = document.querySelector(sel);
    const panel = figure.panels[i];
    const text = panel.readout.textContent;
    const m = /^step (\d+): (\S+) \((.+)\)$/.exec(text);
    const r = panel.readout.getBoundingClientRect();
    const c = panel.canvas.getBoundingClientRect();
    const out = { text, inside: r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5, scrollX: window.scrollX };
    out.lines = figure.panels.filter((p) => p.canvas.hasAttribute('data-plot-left') && p.layout.kind !== 'multiples').map((p) => !p.hoverLine.hidden);
    if (!m) return out;
    const step = Number(m[1]);
    const layout = panel.layout;
    const series = layout.series.length > 1 ? layout.series.find((s) => s.label === m[3]) : layout.series[0];
    out.step = step;
    out.want = series ? Number(series.values[step]).toPrecision(5) : null;
    out.got = m[2];
    return out;
  }, [selector, index]);
}

describe('phone: touch', { timeout: TIMEOUT * 2 }, () => {
  test('a touch drag on a plot reads out the step under the finger, and the read-out stays after it lifts', { timeout: TIMEOUT }, async () => {
    const { context, page, watch } = await open('phone', 'index');
    try {
      const sel = 'snn-figure[ref="lapicque-fire"]';
      const canvas = page.locator(`${sel} canvas.panel-membrane`);
      const index = await page.evaluate((s) => document.querySelector(s).panels.findIndex((p) => p.type === 'membrane'), sel);
      const drag = await touchDrag(page, canvas, [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]);
      await frames(page); // pointer moves are delivered with the frame
      const during = await readoutAgainstLayout(page, sel, index);
      assert.match(during.text, /^step \d+: \S+ \(membrane U\)$/, `read-out during the drag: "${during.text}"`);
      assert.equal(during.got, during.want, `the read-out at step ${during.step}`);
      assert.ok(during.inside, 'the read-out is not on the plot');
      assert.deepEqual(during.lines, during.lines.map(() => true), 'the step is not marked on every time-axis panel');
      assert.equal(during.scrollX, 0, 'the drag scrolled the page sideways');
      // The step follows the finger: the drag ended further right than it started.
      const plot = await page.evaluate(([s, i]) => document.querySelector(s).panels[i].layout.plot, [sel, index]);
      const stepAt = (f) => Math.round(((f * drag.box.width - plot.x) / plot.width) * 200);
      assert.ok(Math.abs(during.step - stepAt(0.6)) <= 2, `the read-out is at step ${during.step}, the finger at about ${stepAt(0.6)}`);
      await drag.end();
      await frames(page);
      assert.equal((await readoutAgainstLayout(page, sel, index)).text, during.text, 'the read-out went away when the finger lifted');
      // A touch somewhere else on the page puts it away.
      await page.touchscreen.tap(5, 5);
      await frames(page);
      assert.equal((await readoutAgainstLayout(page, sel, index)).text, '');
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });

  test('controls are thumb-sized: every slider as wide as its figure\'s controls, every target 44 px high', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('phone', 'index');
    try {
      const small = await page.evaluate(() => {
        const out = [];
        for (const figure of document.querySelectorAll('snn-figure')) {
          const form = figure.shadowRoot.querySelector('.figure-controls').getBoundingClientRect();
          for (const range of figure.shadowRoot.querySelectorAll('input[type=range]')) {
            const r = range.getBoundingClientRect();
            if (r.width < form.width - 1) out.push(`${figure.getAttribute('ref')}: a slider ${Math.round(r.width)} px long in a ${Math.round(form.width)} px figure`);
          }
          for (const c of figure.shadowRoot.querySelectorAll('.figure-controls input, .figure-controls select, .figure-controls button, .figure-player button, summary')) {
            const target = c.type === 'checkbox' ? c.closest('.control') : c;
            const r = target.getBoundingClientRect();
            if (r.height > 0 && r.height < 44) out.push(`${figure.getAttribute('ref')}: a ${c.tagName.toLowerCase()} ${c.type || ''} ${Math.round(r.height)} px high`);
          }
        }
        return out;
      });
      assert.deepEqual(small, [], small.join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('print', { timeout: TIMEOUT * 2 }, () => {
  test('each figure stays on one page, its controls hidden and its current settings printed under it', { timeout: TIMEOUT }, async () => {
    const context = await env.browser.newContext(MODES.print.context);
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(env.server.url + PAGES.index, { waitUntil: 'load' });
      await pageReady(page);
      // Settings the reader changed before printing: the printed line must show them, not the defaults.
      for (const [ref, key] of [['lapicque-fire', 'amp'], ['passive', 'R'], ['network', 'seed']]) {
        const range = page.locator(`snn-figure[ref="${ref}"] .control[data-key="${key}"] input[type=range]`);
        await range.focus();
        await page.keyboard.press('ArrowRight');
      }
      await frames(page);
      await page.emulateMedia({ media: 'print' });
      await renderAllSections(page);
      await frames(page);
      const figures = await page.evaluate(() => [...document.querySelectorAll('snn-figure')].map((f) => {
        const line = f.shadowRoot.querySelector('.figure-settings');
        const visible = (e) => e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
        return {
          ref: f.getAttribute('ref'),
          height: f.getBoundingClientRect().height,
          breakInside: getComputedStyle(f).breakInside,
          hiddenMenus: ['.figure-controls', '.figure-player', '.figure-export', '.figure-classroom'].every((s) => !visible(f.shadowRoot.querySelector(s))),
          settings: visible(line) ? line.textContent : null,
          controls: f.controls.map((c) => ({ label: c.label, value: f.values[c.key], unit: c.unit || '', scale: c.scale || 0, checkbox: c.checkbox })),
        };
      }));
      const problems = [];
      for (const f of figures) {
        if (f.height > PAGE_HEIGHT) problems.push(`${f.ref}: ${Math.round(f.height)} px high, more than a page`);
        if (f.breakInside !== 'avoid') problems.push(`${f.ref}: break-inside is ${f.breakInside}`);
        if (!f.hiddenMenus) problems.push(`${f.ref}: controls or menus are printed`);
        if (f.settings === null) {
          problems.push(`${f.ref}: no settings printed`);
          continue;
        }
        for (const c of f.controls) {
          const shown = c.checkbox ? (c.value ? 'on' : 'off') : String(c.scale ? Number(`${c.value}e${-c.scale}`) : c.value);
          if (!f.settings.includes(`${c.label}: ${shown}`)) problems.push(`${f.ref}: the printed settings "${f.settings}" lack ${c.label}: ${shown}`);
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'));
      const fire = figures.find((f) => f.ref === 'lapicque-fire');
      assert.ok(fire.settings.includes('Input current: 0.21'), `the moved slider is not printed: ${fire.settings}`);
      mkdirSync(screenshotDir, { recursive: true });
      writeFileSync(join(screenshotDir, 'layout-print-index.pdf'), await page.pdf({ format: 'A4' }));
      assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
    } finally {
      await context.close();
    }
  });
});
