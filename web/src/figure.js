// <snn-figure>: one live figure. It is configured by a figure spec — a Scenario plus panels and controls —
// given as a child <script type="application/json">, a `spec` attribute (JSON), or a `src` URL. Moving a
// control re-runs the Scenario in the core and repaints; the figure never computes a neuron value itself.
//
// A spec comes from the tutorial's own figures (ref="lapicque-fire", see figures.js), inline JSON, a
// spec attribute, or a src URL.
// Spec: { id, title?, caption?, scenario, variants?: [{ label, set: { path: value } }],
//         panels: [{ type (one of panel-types.js: 'input', 'membrane', 'raster', ...), array?, title?, yLabel? }],
//         controls: [{ key, path, label, min, max, step, unit? } | { key, path, label, options: [...] }] }
import { getSnn } from './core.js';
import { el } from './dom.js';
import { clone, getPath, setPath } from './paths.js';
import { checkSpec, specFetch } from './spec-source.js';
import { hitTest } from './plot/hit-test.js';
import { fitCanvas, observeSize } from './plot/canvas.js';
import { same } from './plot/same.js';
import { onThemeChange, themeFor } from './plot/theme.js';
import { exportMenu } from './export.js';
import { classroomPanel } from './classroom.js';
import { registerFigure, figureValuesFromHash, figureChanged, trackFigure } from './page-state.js';
import { figures } from './figures.js';
import { checkPanelTypes, panelTypes } from './panel-types.js';
import { keyboardReadout } from './plot/readout.js';
import { takeTurn } from './turns.js';

let controlIds = 0;

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

// Reads the spec without ever treating attribute or JSON text as HTML.
async function readSpec(host) {
  if (host.hasAttribute('ref')) {
    const ref = host.getAttribute('ref');
    if (!Object.hasOwn(figures, ref)) throw new TypeError(`there is no figure called "${ref.slice(0, 60)}"`);
    return structuredClone(figures[ref]);
  }
  const inline = host.querySelector('script[type="application/json"]');
  if (inline) return JSON.parse(inline.textContent);
  if (host.hasAttribute('spec')) return JSON.parse(host.getAttribute('spec'));
  if (host.hasAttribute('src')) {
    const response = await fetch(...specFetch(host.getAttribute('src')));
    if (!response.ok) throw new Error(`cannot load ${host.getAttribute('src')}: ${response.status}`);
    return response.json();
  }
  throw new TypeError('snn-figure needs a spec: a child <script type="application/json">, a spec attribute or a src URL');
}

export class SnnFigure extends HTMLElement {
  // `ready` resolves once the figure has drawn its first trace or shown why it could not (tests and
  // embedding pages can await it); it never rejects.
  connectedCallback() {
    if (this._started) {
      if (this.controls) trackFigure(this); // moved in the document: its settings are part of the URL again
      return;
    }
    this._started = true;
    this.ready = this.start().catch((e) => this.showError(`This figure could not start: ${e.message}`));
  }

  async start() {
    this.spec = checkSpec(await readSpec(this));
    const spec = this.spec;
    checkPanelTypes(spec.panels || []);
    // The figure's name in the URL state and in export file names. It is not written to the element's
    // DOM id: a tutorial figure id ("synaptic", "leaky", ...) can equal the id of the section around it.
    this.figureId = this.getAttribute('id') || (typeof spec.id === 'string' ? spec.id : '');
    this.controls = (spec.controls || []).map((c) => ({ ...c, default: getPath(spec.scenario, c.path) }));
    this.values = Object.fromEntries(this.controls.map((c) => [c.key, c.default]));
    this.snn = await getSnn();
    // Figures build one at a time, those on screen first (turns.js): the first one paints without waiting
    // for the rest of the page.
    const done = await takeTurn(this);
    try {
      this.build();
      // State from the URL: checked by the core's Scenario rules before it is used.
      this.useLink(figureValuesFromHash(this));
      registerFigure(this);
      this.syncControls();
      this.simulate();
      observeSize(this.panelBox, () => this.draw());
      this.watchPanelSizes();
      onThemeChange(this, () => this.draw());
    } finally {
      done();
    }
  }

  // Each canvas's size as layout last found it, so that drawing never has to ask for a fresh layout.
  watchPanelSizes() {
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) {
        const panel = this.panels.find((p) => p.canvas === e.target);
        const box = e.borderBoxSize && e.borderBoxSize[0];
        if (panel && box) panel.size = { width: box.inlineSize, height: box.blockSize };
      }
    });
    for (const p of this.panels) observer.observe(p.canvas, { box: 'border-box' });
  }

  // Settings from a link (page-state.js has checked them): its values over the defaults, or the defaults and
  // a notice saying why the link's values were not used (shown until the reader changes a control).
  useLink(fromHash) {
    this.values = Object.fromEntries(this.controls.map((c) => [c.key, c.default]));
    if (fromHash.error) this.linkNotice = fromHash.error;
    else {
      this.linkNotice = '';
      Object.assign(this.values, fromHash.values);
    }
  }

  // A new link opened in the same page (only the hash changed, so nothing reloads).
  followLink(fromHash) {
    this.useLink(fromHash);
    this.syncControls();
    this.simulate();
  }

  // The Scenario with the current control values (and a variant's changes) applied.
  scenarioFor(variant) {
    const scenario = clone(this.spec.scenario);
    for (const c of this.controls) setPath(scenario, c.path, this.values[c.key]);
    if (variant) for (const [path, value] of Object.entries(variant.set || {})) setPath(scenario, path, value);
    return scenario;
  }

  currentScenario() {
    return this.scenarioFor(null);
  }

  // Every value the core accepts; throws its RangeError/TypeError otherwise.
  validate(values) {
    const saved = this.values;
    this.values = { ...saved, ...values };
    try {
      for (const v of this.variants()) this.snn.validateScenario(this.scenarioFor(v));
    } finally {
      this.values = saved;
    }
  }

  variants() {
    return this.spec.variants && this.spec.variants.length ? this.spec.variants : [null];
  }

  build() {
    const spec = this.spec;
    this.replaceChildren();
    this.classList.add('snn-figure');
    if (spec.title) this.append(el('h3', { class: 'figure-title', text: spec.title }));
    this.notice = el('p', { class: 'figure-notice', role: 'status', hidden: '' });
    this.append(this.notice);
    this.panelBox = el('div', { class: 'figure-panels' });
    this.panels = (spec.panels || []).map((p) => {
      const canvas = el('canvas', { class: `panel panel-${p.type}`, role: 'img', 'aria-label': p.title || p.yLabel || p.type });
      if (p.height) canvas.style.height = `${Number(p.height)}px`;
      const readout = el('div', { class: 'panel-readout', 'aria-hidden': 'true' });
      const wrap = el('div', { class: 'panel-wrap' }, canvas, readout);
      this.panelBox.append(wrap);
      const panel = { ...p, canvas, readout, layout: null };
      canvas.addEventListener('pointermove', (e) => this.hover(panel, e));
      canvas.addEventListener('pointerleave', () => (readout.textContent = ''));
      // A canvas whose backing store the browser dropped comes back blank: draw it again.
      canvas.addEventListener('contextrestored', () => {
        panel.drawn = null;
        this.draw();
      });
      keyboardReadout(panel);
      return panel;
    });
    this.append(this.panelBox);
    this.summary = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.append(this.summary);
    this.append(this.buildControls());
    if (spec.animate) this.append(this.buildPlayer());
    if (spec.caption) this.append(el('p', { class: 'figure-caption', text: spec.caption }));
    this.append(exportMenu(this));
    this.append(classroomPanel(this));
  }

  buildControls() {
    // The controls are a form of their own. When a select changes or a number field is typed in, Chromium's
    // autofill reads every control of that field's form, and for a field in no form every such field of the
    // page (~200 on the tutorial, each a forced style update). The form is never submitted: Enter in a
    // number field (which submits a form with one such field) only commits the value, as it does without a
    // form, `novalidate` keeps the browser's validation bubble away, and role=none keeps the accessibility
    // tree as it was (no unnamed "form" node around the controls).
    const box = el('form', { class: 'figure-controls', novalidate: '', role: 'none' });
    box.addEventListener('submit', (e) => e.preventDefault());
    this.inputs = {};
    for (const c of this.controls) {
      let id = `snn-${this.figureId || 'figure'}-${c.key}`.replace(/[^\w-]/g, '_');
      if (document.getElementById(id)) id = `${id}-${++controlIds}`;
      const row = el('div', { class: 'control', 'data-key': c.key });
      row.append(el('label', { for: id, text: c.label }));
      if (c.options) {
        const select = el('select', { id });
        c.options.forEach((o, i) => select.append(el('option', { value: String(i), text: String(o) })));
        select.addEventListener('change', () => this.set(c.key, c.options[select.selectedIndex]));
        row.append(select);
        this.inputs[c.key] = [select];
      } else {
        const range = el('input', { id, type: 'range', min: c.min, max: c.max, step: c.step });
        const number = el('input', { type: 'number', min: c.min, max: c.max, step: c.step, 'aria-label': `${c.label} value` });
        range.addEventListener('input', () => this.set(c.key, Number(range.value)));
        number.addEventListener('change', () => this.set(c.key, Number(number.value)));
        row.append(range, number);
        if (c.unit) row.append(el('span', { class: 'unit', text: c.unit }));
        this.inputs[c.key] = [range, number];
      }
      box.append(row);
    }
    return box;
  }

  buildPlayer() {
    const bar = el('div', { class: 'figure-player' });
    const button = (label, fn) => {
      const b = el('button', { type: 'button', text: label });
      b.addEventListener('click', fn);
      bar.append(b);
      return b;
    };
    this.playButton = button('Play', () => (this.playing ? this.pause() : this.play()));
    button('Step', () => {
      this.pause();
      this.showStep(Math.min(this.cursor + 1, this.trace.numSteps));
    });
    button('Reset', () => {
      this.pause();
      this.showStep(0);
    });
    return bar;
  }

  play() {
    if (this.cursor >= this.trace.numSteps) this.cursor = 0;
    this.playing = true;
    this.playButton.textContent = 'Pause';
    const perFrame = Math.max(1, Math.round(this.trace.numSteps / 240));
    const tick = () => {
      if (!this.playing) return;
      this.showStep(Math.min(this.cursor + perFrame, this.trace.numSteps));
      if (this.cursor >= this.trace.numSteps) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause() {
    this.playing = false;
    if (this.playButton) this.playButton.textContent = 'Play';
    cancelAnimationFrame(this.frame);
  }

  showStep(step) {
    this.cursor = step;
    this.draw();
  }

  set(key, value) {
    const control = this.controls.find((c) => c.key === key);
    if (!control.options && !(value >= control.min && value <= control.max)) {
      this.syncControls();
      return;
    }
    this.values[key] = value;
    this.linkNotice = ''; // the reader has taken over from the link
    this.syncControls();
    figureChanged(this);
    // Many input events can arrive per frame: simulate once per frame.
    if (!this.pending) {
      this.pending = requestAnimationFrame(() => {
        this.pending = 0;
        this.simulate();
      });
    }
  }

  syncControls() {
    for (const c of this.controls) {
      if (c.options) {
        // Written only when it differs: Chromium reports every selectedIndex write to its autofill, even of
        // the option already chosen, and autofill then reads the controls of the select's form in a task of
        // its own before the next frame. Each slider move would pay for it (with no form around the
        // controls that was every control of the tutorial, ~200 forced style updates, 7-9 ms under tracing).
        const select = this.inputs[c.key][0];
        const index = Math.max(0, c.options.indexOf(this.values[c.key]));
        if (select.selectedIndex !== index) select.selectedIndex = index;
        continue;
      }
      for (const input of this.inputs[c.key]) if (String(input.value) !== String(this.values[c.key])) input.value = this.values[c.key];
    }
  }

  simulate() {
    try {
      const scenarios = this.variants().map((v) => this.scenarioFor(v));
      // A variant's last trace goes along: an input that did not change comes back as the same object,
      // which the panels then see as unchanged without comparing its values.
      const last = this.traces || [];
      this.traces = scenarios.map((s, i) => this.snn.runScenario(s, { previous: last[i] || null }));
      this.trace = this.traces[0];
      this.shownScenarios = scenarios; // what the plot shows, for the exports
      this.runError = '';
    } catch (e) {
      // The plot keeps the last trace that ran; the notice says why the new settings did not.
      this.runError = e.message;
    }
    this.renderNotice();
    if (this.runError) return;
    this.cursor = this.spec.animate && !reducedMotion() ? this.cursor ?? this.trace.numSteps : this.trace.numSteps;
    if (this.cursor > this.trace.numSteps) this.cursor = this.trace.numSteps;
    this.draw();
    // The text alternative is announced by screen readers (aria-live): once the figure has its first
    // trace, then when a slider comes to rest, not for every frame of a drag.
    clearTimeout(this.describeTimer);
    if (!this.described) {
      this.described = true;
      this.describe();
    } else {
      this.describeTimer = setTimeout(() => this.describe(), 300);
    }
    this.dispatchEvent(new CustomEvent('snn-trace', { detail: { traces: this.traces } }));
  }

  // The threshold line to draw: the population's (a network's first neuron layer's) threshold, or its
  // model's default from the core's catalogue; none for a threshold per neuron.
  threshold() {
    const scenario = this.currentScenario();
    const layer = Array.isArray(scenario.layers) ? scenario.layers[1] || {} : null;
    const kw = layer || (Object.hasOwn(scenario, 'constructor') ? scenario.constructor : null) || {};
    const name = layer ? layer.type : scenario.model;
    const t = typeof kw === 'object' ? kw.threshold : undefined;
    if (t !== undefined) return typeof t === 'number' ? t : undefined;
    const model = this.snn.catalogue().models.find((m) => m.name === name || m.aliases.includes(name));
    const field = model && model.keywords.find((k) => k.name === 'threshold');
    return field ? field.default : undefined;
  }

  draw() {
    if (!this.traces) return;
    const theme = themeFor(this);
    for (const p of this.panels) {
      const type = panelTypes.get(p.type);
      const shared = { theme, xLabel: p.xLabel || 'time step', title: p.title, size: p.size };
      this.paint(p, type.draw, type.options(this, p, shared));
    }
  }

  // Draws a panel unless its canvas already shows exactly this: the same draw function with the same options
  // (arrays compared by content, see same.js: the size, theme, labels, the animation's cursor and the data)
  // at the same device pixel ratio. A slider that changes the hidden layer's decay leaves the input spikes
  // as they were, and the input raster is then neither redrawn nor repainted by the browser. Without a
  // known size (before the first ResizeObserver report) the canvas's box is measured and it always draws.
  // The layout of the last draw stays, for hover and keyboard read-out: its data are the same values.
  paint(panel, drawFn, options) {
    const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    const last = panel.drawn;
    const shown = last && last.drawFn === drawFn && last.dpr === dpr ? last.options : null;
    if (shown && options.size && same(shown, options)) return;
    panel.drawn = null; // a draw that throws half way leaves nothing to keep
    // What the canvas shows now: a raster whose spikes alone changed repaints only the columns that changed.
    panel.layout = drawFn(panel.canvas, options, shown);
    panel.drawn = { drawFn, options, dpr };
  }

  hover(panel, event) {
    if (!panel.layout) return;
    const rect = panel.canvas.getBoundingClientRect();
    const hit = hitTest(panel.layout, event.clientX - rect.left, event.clientY - rect.top);
    panel.readout.textContent = hit ? `step ${hit.index}${hit.value !== undefined && hit.value !== null ? `: ${Number(hit.value).toPrecision(5)}` : ''}` : '';
  }

  // A text alternative for screen readers: spike counts and first spike times.
  describe() {
    const parts = [];
    this.traces.forEach((trace, vi) => {
      const name = trace.names.find((n) => n.startsWith('spk') && n === 'spk') || trace.names.find((n) => n.startsWith('spk'));
      if (!name) return;
      const arr = trace.get(name);
      const steps = arr.shape[0];
      const width = arr.data.length / steps;
      let total = 0;
      const first = [];
      for (let n = 0; n < Math.min(width, 10); n++) {
        let f = -1;
        for (let t = 0; t < steps; t++) if (arr.data[t * width + n] !== 0) { if (f < 0) f = t; total++; }
        first.push(f < 0 ? 'none' : `step ${f}`);
      }
      const variant = this.variants()[vi];
      parts.push(`${variant ? `${variant.label}: ` : ''}${total} spikes in ${steps} steps; first spike ${first.join(', ')}.`);
    });
    this.summary.textContent = `${this.spec.title || 'Figure'}. ${parts.join(' ')}`;
  }

  // One notice line: why the current settings could not run, and why a link's settings were not used.
  renderNotice() {
    const text = [this.runError, this.linkNotice].filter(Boolean).join(' ');
    // Runs after every simulation: unchanged, it leaves the DOM alone (writing `hidden` again invalidates
    // the notice's style every frame of a drag).
    if (this.notice.textContent !== text) this.notice.textContent = text;
    if (this.notice.hidden !== !text) this.notice.hidden = !text;
  }

  showNotice(message) {
    this.runError = message;
    this.renderNotice();
  }

  hideNotice() {
    this.runError = '';
    this.renderNotice();
  }

  showError(message) {
    this.replaceChildren(el('p', { class: 'figure-notice', role: 'alert', text: message }));
  }
}

export function defineFigure() {
  if (!customElements.get('snn-figure')) customElements.define('snn-figure', SnnFigure);
}
