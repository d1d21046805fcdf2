// <snn-figure>: one live figure. It is configured by a figure spec — a Scenario plus panels and controls —
// named by ref="<id>" (the tutorial's figures, figures.js), or given as a child <script type="application/json">,
// a `spec` attribute (JSON) or a `src` URL (figure-spec.js). Moving a control re-runs the Scenario in the core
// and repaints; the figure never computes a neuron value itself.
//
// It is a custom element that keeps to itself, so that any page can hold it: everything it draws lives in
// its shadow root, styled by its own sheet (figure-style.js: themed through --snn-* properties and ::part),
// and it changes nothing outside itself — no page CSS, no URL, no history — unless the page asks for the
// tutorial's URL state with `sync-url` (page-state.js).
//
// Attributes (all but sync-url are watched: a change re-renders; figure-attributes.js checks what they ask)
//   ref | spec | src       the figure (a change starts it again)
//   param-<key>            a control's starting value (the spec's default otherwise), checked by the core
//   hide                   parts not to show: control keys, title, caption, controls, player, links, export,
//                          classroom, tools, inspector (space- or comma-separated)
//   theme                  light | dark (otherwise the color-scheme the page gives it)
//   sync-url               keep its settings in the page's URL hash and take them from it (the tutorial pages)
//   base-url               where the hosted site is, for the links "Use in class" offers (classroom.js)
// Events (bubbling, composed): snn-change { values, key, source } when a setting changes; snn-trace
// { traces, scenarios } after every run; snn-error { message } when the figure cannot start.
// API: ready (a promise, never rejects), updated (a promise: every change so far drawn), values (a copy),
// set(key, value) / set({ key: value }), reset(). The Scenarios run in a worker (runner.js): a trace
// arrives a moment after the change that asked for it (snn-trace says when, and so does `updated`).
//
// Spec: { id, title?, caption?, scenario, variants?: [{ label, set: { path: value } }], animate?,
//         timeAxis?: 'fit-spikes' (the time axis ends soon after the last spike),
//         panels: [{ type (one of panel-types.js: 'input', 'membrane', 'raster', ...), array?, title?, yLabel? }],
//         controls: [{ key, path, label?, min, max, step, unit?, scale? } | { key, path, label?, options: [...] }] }
// A control's label may be left out where the core's catalogue has one for the keyword its path names; a
// control whose keyword the catalogue calls a bool is a checkbox. `scale` shows a value in a unit 10^scale
// times larger (R in MΩ: scale 6), moving the decimal point only (units.js).
//
// The panels with a time axis share it: the same steps, and plot areas with the same left and right edges,
// which each such canvas carries as data-plot-left and data-plot-right (CSS px within the canvas).
import { getSnn } from './core.js';
import { Cancelled, runner } from './runner.js';
import { summaryOf } from './plot/summary.js';
import { progressBar } from './progress.js';
import { fieldAt, labelOf } from './catalogue.js';
import { el } from './dom.js';
import { clone, getPath, setPath } from './paths.js';
import { hitTest } from './plot/hit-test.js';
import { valueAt } from './plot/cursor.js';
import { observeSize } from './plot/canvas.js';
import { same } from './plot/same.js';
import { onThemeChange, themeFor } from './plot/theme.js';
import { exportMenu } from './export.js';
import { classroomPanel } from './classroom.js';
import { registerFigure, figureValuesFromHash, trackFigure } from './page-state.js';
import { OBSERVED, PARAM, SPEC_ATTRIBUTES, applyHidden, checkedChanges, startValues, watchParams } from './figure-attributes.js';
import { readSpec } from './figure-spec.js';
import { figureSheet } from './figure-style.js';
import { checkPanelTypes, panelTypes } from './panel-types.js';
import { formatReadout, keyboardReadout } from './plot/readout.js';
import { showsNeurons, stepInspector } from './inspector.js';
import { pinRuns } from './pin.js';
import { showsSpikes, spikeSound } from './sonify.js';
import { playgroundChoices } from './playground.js';
import { describeSweep, isSweep } from './sweeps.js';
import { takeTurn } from './turns.js';
import { shiftDecimal } from './units.js';
import { siteUrl } from './site.js';

let controlIds = 0;
let figureSlots = 0;

// The core's catalogue, read once per loaded core.
const catalogues = new WeakMap();

// Steps a zoomed time axis may end at (timeAxis: 'fit-spikes'): the first that leaves room after the spikes.
const ZOOMS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

// Animation speeds: steps per frame, as a multiple of the speed that plays 240 frames (4 s at 60 Hz).
const SPEEDS = [['¼×', 0.25], ['½×', 0.5], ['1×', 1], ['2×', 2], ['4×', 4]];

// Writes an attribute only when it changes (a write of the same value still invalidates style).
function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

const round2 = (v) => String(Math.round(v * 100) / 100);

// Whether two boxes ({ x, y, width, height }) overlap.
const overlap = (a, b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// A trace of a long run (plot/summary.js summarised some of it): drawn a panel per task.
const isLong = (trace) => Boolean(trace && trace.arrays && Object.values(trace.arrays).some((a) => summaryOf(a.data)));

// The next task, soon (a MessageChannel's message: no timer clamping).
function nextTask(fn) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export class SnnFigure extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.adoptedStyleSheets = [figureSheet()];
    this.generation = 0;
    this.paintGeneration = 0;
    this.painting = null;
    this.cleanups = [];
    this.runSlot = `figure-${++figureSlots}`; // its runs' names in the runner
  }

  // `ready` resolves once the figure has drawn its first trace or shown why it could not (tests and
  // embedding pages can await it); it never rejects.
  connectedCallback() {
    if (this.ready) {
      if (this.controls && this.syncsUrl) trackFigure(this); // moved in the document: its settings are part of the URL again
      return;
    }
    this.ready = this.start();
  }

  attributeChangedCallback(name, old, value) {
    // Before the figure has started, start() reads the attributes itself.
    if (!this.ready || old === value) return;
    if (SPEC_ATTRIBUTES.includes(name)) this.restart();
    else if (!this.built) return;
    else if (name === 'hide') this.applyHidden();
    else if (name === 'theme') this.themeChanged();
    else if (name.startsWith(PARAM)) this.paramChanged(name.slice(PARAM.length));
  }

  // Whether this figure keeps its settings in the page's URL (the tutorial's pages ask for it).
  get syncsUrl() {
    return this.hasAttribute('sync-url');
  }

  // The current settings, as a copy: changing it changes nothing (set() does).
  get values() {
    return this.current ? { ...this.current } : {};
  }

  set values(values) {
    this.set(values);
  }

  // Resolves once every change made so far has been run and drawn (or has failed with a notice): after
  // set(), a param-<key> attribute or a slider, `await figure.updated` sees the new trace. Never rejects.
  get updated() {
    const wait = async () => {
      await this.ready;
      for (;;) {
        // A change runs in a microtask of the task that made it: let it.
        if (this.pending) await Promise.resolve();
        const run = this.lastRun;
        await run;
        // A long run's panels are painted one per task: all of them.
        if (this.painting) await this.painting;
        if (!this.pending && run === this.lastRun) return;
      }
    };
    return wait();
  }

  // A new spec: everything the last one built (and watches) goes, and the figure starts again.
  restart() {
    this.stop();
    this.ready = this.start();
  }

  stop() {
    this.generation++;
    runner().stop(this);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.pause?.();
    this.pending = false;
    this.built = false;
    this.controls = null;
    this.current = null;
    this.traces = null;
    this.trace = null;
    this.resolved = null;
    this.shownScenarios = null;
    this.signalTraces = null;
  }

  async start() {
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    let done = null;
    try {
      const spec = await readSpec(this);
      if (stale()) return;
      checkPanelTypes(spec.panels || [], spec.scenario);
      this.spec = spec;
      // The figure's name in the URL state and in export file names. It is not written to the element's
      // DOM id: a tutorial figure id ("synaptic", "leaky", ...) can equal the id of the section around it.
      this.figureId = this.getAttribute('id') || (typeof spec.id === 'string' ? spec.id : '');
      this.snn = await loadCore();
      if (stale()) return;
      if (!catalogues.has(this.snn)) catalogues.set(this.snn, this.snn.catalogue());
      const catalogue = catalogues.get(this.snn);
      this.controls = (spec.controls || []).map((c) => {
        const field = fieldAt(catalogue, spec.scenario, c.path);
        const bool = Boolean(field && field.type === 'bool' && c.options && c.options.length === 2 && c.options.every((o) => typeof o === 'boolean'));
        return { ...c, label: c.label || labelOf(field) || c.key, checkbox: bool, default: getPath(spec.scenario, c.path) };
      });
      this.current = this.defaults();
      // Figures build one at a time, those on screen first (turns.js): the first one paints without waiting
      // for the rest of the page.
      done = await takeTurn(this);
      if (stale()) return;
      this.build();
      this.cleanups.push(watchParams(this, (key) => this.paramChanged(key)));
      // Settings from the attributes, then (with sync-url) from the URL: each checked by the core's
      // Scenario rules before it is used.
      this.useLink(this.syncsUrl ? figureValuesFromHash(this) : { values: {} });
      if (this.syncsUrl) registerFigure(this);
      this.applyHidden();
      this.syncControls();
      this.theme = this.computeTheme();
      this.built = true;
      await this.simulate();
      if (stale()) return;
      this.fitOnePrintedPage();
      this.cleanups.push(observeSize(this.panelBox, () => this.draw()));
      this.watchPanelSizes();
      this.cleanups.push(onThemeChange(this, () => this.themeChanged()));
    } catch (e) {
      if (!stale()) this.showError(`This figure could not start: ${e.message}`);
    } finally {
      if (done) done();
    }
  }

  // The spec's values of every control.
  defaults() {
    return Object.fromEntries(this.controls.map((c) => [c.key, c.default]));
  }

  // The values the figure starts from and resets to, and a notice for the param-<key> attributes refused.
  startValues() {
    return startValues(this);
  }

  // A param-<key> attribute was set, changed or removed: that control takes its new starting value.
  paramChanged(key) {
    if (!this.built) return; // start() reads the attributes itself
    const control = this.controls.find((c) => c.key.toLowerCase() === key);
    const { values, notice } = this.startValues();
    this.attributeNotice = notice;
    if (control) this.apply({ [control.key]: values[control.key] }, 'attribute');
    else this.renderNotice();
  }

  // On paper a figure must fit one page (it is never split): a figure taller than a page's printable
  // height at its screen size is printed smaller (figure-style.js scales it by --snn-print-zoom).
  fitOnePrintedPage() {
    const PAGE = 900; // CSS px: an A4 or Letter page's height less the printer's margins, with room to spare
    // The panels, and about 120 px for the title, the caption and the settings line.
    const height = this.panelBox.getBoundingClientRect().height + 120;
    if (height > PAGE) this.style.setProperty('--snn-print-zoom', String(Math.floor((PAGE / height) * 100) / 100));
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
    this.cleanups.push(() => observer.disconnect());
  }

  // Settings from a link (page-state.js has checked them): its values over the starting ones, or those and a
  // notice saying why the link's values were not used (shown until the reader changes a control).
  useLink(fromHash) {
    const start = this.startValues();
    this.current = start.values;
    this.attributeNotice = start.notice;
    if (this.sound) this.sound.fromLink(fromHash.extras || {});
    if (fromHash.error) this.linkNotice = fromHash.error;
    else {
      this.linkNotice = '';
      Object.assign(this.current, fromHash.values);
    }
  }

  // A new link opened in the same page (only the hash changed, so nothing reloads).
  followLink(fromHash) {
    this.useLink(fromHash);
    this.syncControls();
    this.changed(null, 'link');
    this.simulate();
  }

  // The Scenario with these control values (the current ones by default) and a variant's changes applied.
  scenarioFor(variant, values = this.current) {
    const scenario = clone(this.spec.scenario);
    for (const c of this.controls) setPath(scenario, c.path, values[c.key]);
    if (variant) for (const [path, value] of Object.entries(variant.set || {})) setPath(scenario, path, value);
    return scenario;
  }

  currentScenario() {
    return this.scenarioFor(null);
  }

  // Every value the core accepts; throws its RangeError/TypeError otherwise.
  validate(values) {
    const all = { ...this.current, ...values };
    for (const v of this.variants()) this.snn.validateScenario(this.scenarioFor(v, all));
  }

  variants() {
    return this.spec.variants && this.spec.variants.length ? this.spec.variants : [null];
  }

  build() {
    const spec = this.spec;
    const root = this.root;
    root.replaceChildren();
    this.titleElement = spec.title ? el('h3', { class: 'figure-title', part: 'title', text: spec.title }) : null;
    if (this.titleElement) root.append(this.titleElement);
    this.notice = el('p', { class: 'figure-notice', part: 'notice', role: 'status', hidden: '' });
    root.append(this.notice);
    this.progress = progressBar(() => this.stopRun());
    root.append(this.progress.element);
    this.panelBox = el('div', { class: 'figure-panels', part: 'panels' });
    this.panels = (spec.panels || []).map((p) => {
      const canvas = el('canvas', { class: `panel panel-${p.type}`, part: 'panel', role: 'img', 'aria-label': p.title || p.yLabel || p.type });
      if (p.height) canvas.style.height = `${Number(p.height)}px`;
      const readout = el('div', { class: 'panel-readout', 'aria-hidden': 'true' });
      // The pointer's step, in every time-axis panel of the figure (the keyboard has its own cursor).
      const hoverLine = el('div', { class: 'panel-hover', 'aria-hidden': 'true', hidden: '' });
      const wrap = el('div', { class: 'panel-wrap' }, canvas, readout, hoverLine);
      this.panelBox.append(wrap);
      const panel = { ...p, canvas, readout, hoverLine, layout: null };
      // A pointer never takes the focus (the keyboard's cursor would jump to its own step); touch and pen
      // show the read-out from the first contact, and a sideways drag scrubs (touch-action: pan-y keeps
      // the page's vertical scrolling). It stays after the finger lifts, until a touch elsewhere.
      canvas.addEventListener('pointerdown', (e) => {
        e.preventDefault();
        this.hover(panel, e);
      });
      canvas.addEventListener('pointermove', (e) => this.hover(panel, e));
      canvas.addEventListener('pointerleave', (e) => {
        if (e.pointerType === 'mouse') this.clearHover();
      });
      // A canvas whose backing store the browser dropped comes back blank: draw it again.
      canvas.addEventListener('contextrestored', () => {
        panel.drawn = null;
        this.draw();
      });
      keyboardReadout(panel, { onMove: (hit) => this.inspector && this.inspector.follow(panel, hit) });
      // The keyboard's read-out sits where the pointer's does.
      canvas.addEventListener('focus', () => this.placeReadout(panel));
      return panel;
    });
    // A touch elsewhere puts the pointer's read-out away (the document sees a touch inside the figure as one
    // on the figure itself, so the path tells where it was).
    const away = (e) => {
      if (this.hovered && !e.composedPath().includes(this.panelBox)) this.clearHover();
    };
    document.addEventListener('pointerdown', away);
    this.cleanups.push(() => document.removeEventListener('pointerdown', away));
    root.append(this.panelBox);
    this.buildTools();
    this.summary = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    root.append(this.summary);
    this.controlsElement = this.buildControls();
    root.append(this.controlsElement);
    this.playerElement = spec.animate ? this.buildPlayer() : null;
    if (this.playerElement) root.append(this.playerElement);
    this.captionElement = spec.caption ? el('p', { class: 'figure-caption', part: 'caption', text: spec.caption }) : null;
    if (this.captionElement) root.append(this.captionElement);
    // The settings, for paper: the controls are not printed (figure-style.js), these are.
    this.settingsLine = el('p', { class: 'figure-settings' });
    root.append(this.settingsLine);
    this.linksElement = this.buildLinks();
    if (this.linksElement) root.append(this.linksElement);
    this.exportElement = exportMenu(this);
    root.append(this.exportElement);
    this.classroomElement = classroomPanel(this);
    root.append(this.classroomElement);
    this.watchPrinting();
  }

  // Under the plots: pin a run to compare, hear the spikes, and the step inspector (pin.js, sonify.js,
  // inspector.js; each keeps to itself and is told of draws, the pointer and the keyboard's cursor).
  // A figure of a sweep has no time axis to pin a run on, nor spikes to hear.
  buildTools() {
    const panels = this.spec.panels || [];
    this.pins = panels.some((p) => panelTypes.get(p.type).margins) ? pinRuns(this) : null;
    this.sound = showsSpikes(this.spec) ? spikeSound(this) : null;
    this.urlExtras = this.sound ? this.sound.link : null;
    if (this.sound) this.cleanups.push(() => this.sound.stop());
    const buttons = [...(this.pins ? this.pins.buttons : []), ...(this.sound ? [this.sound.button] : [])];
    this.toolsElement = buttons.length ? el('div', { class: 'figure-tools', part: 'tools' }, ...buttons) : null;
    if (this.toolsElement) this.root.append(this.toolsElement);
    if (this.pins) this.root.append(this.pins.line);
    this.inspector = showsNeurons(this.spec) ? stepInspector(this) : null;
    if (this.inspector) this.root.append(this.inspector.element);
  }

  // Hides the parts the hide attribute and (with sync-url) the link's hide= name, and shows the rest again.
  applyHidden() {
    applyHidden(this, [...(this.linkHidden || [])]);
  }

  buildControls() {
    // The controls are a form of their own. When a select changes or a number field is typed in, Chromium's
    // autofill reads every control of that field's form, and for a field in no form every such field of the
    // page (~200 on the tutorial, each a forced style update). The form is never submitted: Enter in a
    // number field (which submits a form with one such field) only commits the value, as it does without a
    // form, `novalidate` keeps the browser's validation bubble away, and role=none keeps the accessibility
    // tree as it was (no unnamed "form" node around the controls).
    const box = el('form', { class: 'figure-controls', part: 'controls', novalidate: '', role: 'none' });
    box.addEventListener('submit', (e) => e.preventDefault());
    this.inputs = {};
    for (const c of this.controls) {
      // Ids are the shadow root's own: they never meet the page's.
      let id = `snn-${this.figureId || 'figure'}-${c.key}`.replace(/[^\w-]/g, '_');
      if (this.root.getElementById(id)) id = `${id}-${++controlIds}`;
      const row = el('div', { class: `control${c.checkbox ? ' control-checkbox' : c.options ? ' control-select' : ''}`, part: 'control', 'data-key': c.key });
      if (c.checkbox) {
        const box = el('input', { id, type: 'checkbox' });
        box.addEventListener('change', () => this.change(c.key, box.checked));
        row.append(box, el('label', { for: id, text: c.label }));
        this.inputs[c.key] = [box];
      } else if (c.options) {
        row.append(el('label', { for: id, text: c.label }));
        const select = el('select', { id });
        c.options.forEach((o, i) => select.append(el('option', { value: String(i), text: String(o) })));
        select.addEventListener('change', () => this.change(c.key, c.options[select.selectedIndex]));
        row.append(select);
        this.inputs[c.key] = [select];
      } else {
        row.append(el('label', { for: id, text: c.label }));
        // Shown in the control's unit (c.scale), kept in the Scenario's.
        const shown = (v) => shiftDecimal(v, -(c.scale || 0));
        const range = el('input', { id, type: 'range', min: shown(c.min), max: shown(c.max), step: shown(c.step) });
        const number = el('input', { type: 'number', min: shown(c.min), max: shown(c.max), step: shown(c.step), 'aria-label': `${c.label} value${c.unit ? ` in ${c.unit}` : ''}` });
        const read = (input) => shiftDecimal(Number(input.value), c.scale || 0);
        range.addEventListener('input', () => this.change(c.key, read(range)));
        number.addEventListener('change', () => this.change(c.key, read(number)));
        row.append(range, number);
        if (c.unit) row.append(el('span', { class: 'unit', text: c.unit }));
        this.inputs[c.key] = [range, number];
      }
      box.append(row);
    }
    if (this.controls.length) {
      const reset = el('button', { type: 'button', class: 'figure-reset', text: 'Reset to defaults' });
      reset.addEventListener('click', () => this.reset());
      box.append(el('div', { class: 'control-actions' }, reset));
    }
    return box;
  }

  // A link to the playground with this figure's model and input chosen, when the playground has them.
  buildLinks() {
    const scenario = this.spec.scenario;
    const input = scenario.input && typeof scenario.input === 'object' && !Array.isArray(scenario.input) ? Object.keys(scenario.input)[0] : null;
    const choices = playgroundChoices(catalogues.get(this.snn));
    if (!choices.models.includes(scenario.model) || !choices.inputs.includes(input)) return null;
    // Only where the site is (site.js): elsewhere a relative link would lead nowhere.
    const href = siteUrl(this, `playground.html#playground.model=${encodeURIComponent(scenario.model)}&playground.input=${encodeURIComponent(input)}`);
    if (!href) return null;
    // A figure of an encoder alone shows no neuron (its Scenario's model is a stand-in).
    const neuron = (this.spec.panels || []).some((p) => p.type === 'membrane' || p.type === 'spikes' || p.type === 'fi-curve');
    const link = el('a', { class: 'figure-playground', href, text: neuron ? 'Try this neuron and input in the playground' : 'Try this encoder in the playground' });
    return el('p', { class: 'figure-links', part: 'links' }, link);
  }

  buildPlayer() {
    const bar = el('div', { class: 'figure-player', part: 'player' });
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
    // Back to the first step: the spikes still to come stay faintly in view.
    button('Rewind', () => {
      this.pause();
      this.showStep(0);
    });
    this.stepCounter = el('output', { class: 'player-step', 'aria-live': 'off' });
    bar.append(this.stepCounter);
    const id = `snn-${this.figureId || 'figure'}-speed`.replace(/[^\w-]/g, '_');
    this.speedSelect = el('select', { id });
    SPEEDS.forEach(([label, speed]) => {
      const option = el('option', { value: String(speed), text: label });
      if (speed === 1) option.setAttribute('selected', '');
      this.speedSelect.append(option);
    });
    bar.append(el('label', { class: 'player-speed', for: id, text: 'Speed' }), this.speedSelect);
    return bar;
  }

  speed() {
    return this.speedSelect ? Number(this.speedSelect.value) || 1 : 1;
  }

  play() {
    if (this.cursor >= this.trace.numSteps) this.cursor = 0;
    this.playing = true;
    this.playButton.textContent = 'Pause';
    // Fractions of a step add up: at ¼× a step is shown every few frames.
    let position = this.cursor;
    const tick = () => {
      if (!this.playing) return;
      position = Math.max(position, this.cursor) + (this.trace.numSteps / 240) * this.speed();
      this.showStep(Math.min(Math.floor(position), this.trace.numSteps));
      if (this.cursor >= this.trace.numSteps) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause() {
    this.playing = false;
    if (this.playButton && this.playButton.textContent !== 'Play') this.playButton.textContent = 'Play';
    cancelAnimationFrame(this.frame);
  }

  showStep(step) {
    this.cursor = step;
    this.draw();
  }

  // "step 120 of 200": how far the animation has got (written only when it changes).
  renderStepCounter() {
    if (!this.stepCounter || !this.trace) return;
    const text = `step ${this.cursor} of ${this.trace.numSteps}`;
    if (this.stepCounter.textContent !== text) this.stepCounter.textContent = text;
  }

  // A control of the figure moved: a value outside its range (a typed number) puts the control back.
  change(key, value) {
    const control = this.controls.find((c) => c.key === key);
    if (!control.options && !(value >= control.min && value <= control.max)) {
      this.syncControls();
      return;
    }
    this.apply({ [key]: value }, 'control');
  }

  /**
   * Changes settings from script: set('amp', 0.3) or set({ amp: 0.3, thr: 0.5 }). Each key must be one of
   * the figure's controls and each value one it offers, and the core must accept the Scenario; otherwise it
   * throws (TypeError or RangeError, with the core's message) and changes nothing. The figure re-runs on
   * the next animation frame (snn-trace says when).
   */
  set(key, value) {
    if (!this.built) throw new Error('the figure has not started yet (await figure.ready)');
    const changes = checkedChanges(this, key !== null && typeof key === 'object' ? { ...key } : { [key]: value });
    this.validate(changes);
    this.apply(changes, 'api');
  }

  // Back to the values the figure started from (the spec's, with the param-<key> attributes over them).
  reset() {
    if (!this.built) return;
    const start = this.startValues();
    this.current = start.values;
    this.attributeNotice = start.notice;
    this.linkNotice = '';
    this.syncControls();
    this.changed(null, 'reset');
    this.simulate();
  }

  // Takes new values (already checked), says so, and runs once on the next frame.
  apply(changes, source) {
    Object.assign(this.current, changes);
    this.linkNotice = ''; // the reader has taken over from the link
    this.syncControls();
    const keys = Object.keys(changes);
    this.changed(keys.length === 1 ? keys[0] : null, source);
    // The run goes to the worker at once (not at the next frame: its trace is then drawn in time for it),
    // once for all the changes of this task (set() of several keys, a link); the runner keeps only the
    // newest of those a figure asks for while its run is going.
    if (!this.pending) {
      const generation = this.generation;
      this.pending = true;
      queueMicrotask(() => {
        if (generation !== this.generation || !this.pending) return;
        this.pending = false;
        this.simulate();
      });
    }
  }

  // snn-change: the URL state (page-state.js) and the page around listen to it.
  changed(key, source) {
    this.dispatchEvent(new CustomEvent('snn-change', { bubbles: true, composed: true, detail: { values: this.values, key, source } }));
  }

  syncControls() {
    const values = this.current;
    for (const c of this.controls) {
      if (c.checkbox) {
        const box = this.inputs[c.key][0];
        if (box.checked !== values[c.key]) box.checked = values[c.key];
        continue;
      }
      if (c.options) {
        // Written only when it differs: Chromium reports every selectedIndex write to its autofill, even of
        // the option already chosen, and autofill then reads the controls of the select's form in a task of
        // its own before the next frame. Each slider move would pay for it (with no form around the
        // controls that was every control of the tutorial, ~200 forced style updates, 7-9 ms under tracing).
        const select = this.inputs[c.key][0];
        const index = Math.max(0, c.options.indexOf(values[c.key]));
        if (select.selectedIndex !== index) select.selectedIndex = index;
        continue;
      }
      const shown = String(shiftDecimal(values[c.key], -(c.scale || 0)));
      for (const input of this.inputs[c.key]) if (String(input.value) !== shown) input.value = shown;
    }
  }

  // The settings as a line of text: what paper shows instead of the controls.
  settingsText() {
    const parts = this.controls.map((c) => {
      const value = this.current[c.key];
      const shown = c.checkbox ? (value ? 'on' : 'off') : c.options ? String(value) : String(shiftDecimal(value, -(c.scale || 0)));
      return `${c.label}: ${shown}${c.unit && !c.options ? ` ${c.unit}` : ''}`;
    });
    return parts.length ? `Settings — ${parts.join('; ')}.` : '';
  }

  renderSettings() {
    if (!this.settingsLine) return;
    const text = this.settingsText();
    if (this.settingsLine.textContent !== text) this.settingsLine.textContent = text;
  }

  // The settings line is brought up to date when the page is about to be printed (and when print media
  // starts to apply), not on every slider move: while the reader is at the screen it is not shown.
  watchPrinting() {
    this.renderSettings();
    const update = () => this.renderSettings();
    window.addEventListener('beforeprint', update);
    this.cleanups.push(() => window.removeEventListener('beforeprint', update));
    if (typeof matchMedia === 'function') {
      // Paper is light (figure-style.js): the canvases follow the scheme there and back.
      const media = matchMedia('print');
      const printing = () => {
        update();
        this.themeChanged();
      };
      media.addEventListener('change', printing);
      this.cleanups.push(() => media.removeEventListener('change', printing));
    }
  }

  // Runs the figure's Scenarios (every variant, and the signals its encoders saw) off the page's main
  // thread (runner.js), then draws. Resolves when this run is drawn, superseded or has failed (never
  // rejects). A run still going after a moment shows its progress and a Stop button.
  simulate() {
    const generation = this.generation;
    let scenarios;
    let signals;
    let resolved;
    try {
      scenarios = this.variants().map((v) => this.scenarioFor(v));
      signals = this.signalJobs(scenarios[0]);
      // Every default written out, for the step inspector's numbers (only while it is open).
      resolved = this.inspector && this.inspector.open ? scenarios.map((s) => this.snn.resolveScenario(s)) : null;
    } catch (e) {
      this.runError = e.message;
      this.renderNotice();
      this.lastRun = Promise.resolve();
      return this.lastRun;
    }
    const jobs = [
      ...scenarios.map((scenario, i) => ({ slot: `${this.runSlot}/variant-${i}`, scenario })),
      ...signals.map(({ scenario }, k) => ({ slot: `${this.runSlot}/signal-${k}`, scenario })),
    ];
    const run = runner().run(this, jobs, { onProgress: (fraction) => this.progress.show(fraction) });
    this.progress.expect();
    this.lastRun = run.then((results) => {
      if (generation !== this.generation) return;
      this.progress.hide();
      const failed = results.find((r) => r && r.error);
      if (failed) {
        // The plot keeps the last trace that ran; the notice says why the new settings did not.
        this.runError = failed.error.message;
        this.renderNotice();
        return;
      }
      this.traces = results.slice(0, scenarios.length);
      this.resolved = resolved;
      this.trace = this.traces[0];
      this.signalTraces = new Map(signals.map(({ panel }, k) => [panel, results[scenarios.length + k]]));
      this.shownScenarios = scenarios; // what the plot shows, for the exports
      this.runError = '';
      this.drawRun();
    }, (e) => {
      if (generation !== this.generation) return;
      if (e instanceof Cancelled) {
        // Superseded: a newer run is on its way. Stopped by the reader: the last finished run stays.
        if (e.message === 'stopped') {
          this.progress.hide();
          this.showNotice('The run was stopped: the plot shows the last run that finished.');
        }
        return;
      }
      this.progress.hide();
      this.showNotice(e.message);
    });
    return this.lastRun;
  }

  // Stops this figure's run in progress (the Stop button).
  stopRun() {
    runner().stop(this);
  }

  // A new trace: drawn, described and announced.
  drawRun() {
    this.renderNotice();
    this.cursor = this.spec.animate && !reducedMotion() ? this.cursor ?? this.trace.numSteps : this.trace.numSteps;
    if (this.cursor > this.trace.numSteps) this.cursor = this.trace.numSteps;
    this.draw();
    // The text alternative is announced by screen readers (aria-live): once the figure has its first
    // trace, then when a slider comes to rest, not for every frame of a drag. A long run's is written in a
    // task of its own.
    clearTimeout(this.describeTimer);
    if (!this.described) {
      this.described = true;
      if (this.traces.some(isLong)) this.describeTimer = setTimeout(() => this.describe(), 0);
      else this.describe();
    } else {
      this.describeTimer = setTimeout(() => this.describe(), 300);
    }
    this.dispatchEvent(new CustomEvent('snn-trace', { bubbles: true, composed: true, detail: { traces: this.traces, scenarios: this.shownScenarios } }));
  }

  // The signals that encoders turned into spikes (panels of type 'signal'): the encoder's own input, as the
  // core generates it for this Scenario (resolveScenario writes out the seeds and streams its random parts
  // were drawn from, so the signal is the one the encoder saw), each a run of its own.
  signalJobs(scenario) {
    const panels = this.panels.filter((p) => p.type === 'signal');
    if (!panels.length) return [];
    const resolved = this.snn.resolveScenario(scenario);
    return panels.map((panel) => {
      const input = getPath(resolved, panel.of);
      if (!input || typeof input !== 'object') throw new TypeError(`the signal panel's "of" (${String(panel.of).slice(0, 60)}) names no input in the Scenario`);
      return { panel, scenario: { ...resolved, input, record: ['spk'] } };
    });
  }

  signalTrace(panel) {
    return this.signalTraces ? this.signalTraces.get(panel) || null : null;
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
    const model = catalogues.get(this.snn).models.find((m) => m.name === name || m.aliases.includes(name));
    const field = model && model.keywords.find((k) => k.name === 'threshold');
    return field ? field.default : undefined;
  }

  // The time axis every time-axis panel shares: how many steps it shows and its label. It shows them all,
  // or with timeAxis 'fit-spikes' only as far as a little after the last spike any raster panel has (the
  // latency code puts every spike in the first steps). A Lapicque or hand-written neuron given its time step
  // in seconds (the tutorial's 1e-3: one step is 1 ms) says so.
  timeAxis() {
    const steps = this.trace.numSteps;
    let shown = steps;
    if (this.spec.timeAxis === 'fit-spikes') {
      let last = -1;
      for (const p of this.panels) {
        if (!panelTypes.get(p.type).margins || !/raster|spikes/.test(p.type)) continue;
        for (const trace of this.traces) {
          const arr = p.type === 'input-raster' ? trace.input : trace.get(p.type === 'spikes' ? 'spk' : p.array);
          if (!arr) continue;
          const width = arr.data.length / steps;
          // From the end back to the latest spike found so far.
          for (let i = arr.data.length - 1; i >= (last + 1) * width; i--) {
            if (arr.data[i]) {
              last = Math.floor(i / width);
              break;
            }
          }
        }
      }
      shown = Math.min(steps, ZOOMS.find((z) => z >= last + 2) || steps);
    }
    const shownScenario = this.shownScenarios && this.shownScenarios[0];
    const dt = shownScenario && shownScenario.constructor && typeof shownScenario.constructor === 'object' ? shownScenario.constructor.time_step : undefined;
    let label = 'time step';
    if (shown < steps) label = `time step (the first ${shown} of ${steps})`;
    else if (typeof dt === 'number' && this.spec.timeUnit === 'ms') label = `time step (Δt = ${shiftDecimal(dt, 3)} ms)`;
    return { steps: shown, label };
  }

  // The plots' colours: the scheme's (plot/theme.js), with the background and text of the figure's CSS
  // (--snn-plot-bg, --snn-fg), read once per change of theme, never per frame.
  computeTheme() {
    const base = themeFor(this);
    const canvas = this.panels && this.panels[0] ? this.panels[0].canvas : null;
    if (!canvas || !canvas.isConnected) return base;
    const css = getComputedStyle(canvas);
    const background = css.backgroundColor && css.backgroundColor !== 'rgba(0, 0, 0, 0)' ? css.backgroundColor : base.background;
    return { ...base, background, text: css.color || base.text };
  }

  // The page's scheme, the theme attribute or print media may have changed: redraw when the colours did.
  themeChanged() {
    if (!this.built) return;
    const theme = this.computeTheme();
    if (same(theme, this.theme)) return;
    this.theme = theme;
    this.draw();
  }

  // A long run's trace (plot/summary.js) is painted one panel per task; `split` says otherwise.
  draw({ split = this.traces && this.traces.some(isLong) } = {}) {
    if (!this.traces) return;
    const theme = this.theme;
    const time = this.timeAxis();
    const drawing = this.panels.map((p) => {
      const type = panelTypes.get(p.type);
      const shared = { theme, xLabel: p.xLabel || time.label, title: p.title, size: p.size, xDomain: [0, time.steps], xSteps: time.steps };
      return { p, type, shared, options: type.options(this, p, shared) };
    });
    if (this.pins) this.pins.decorate(drawing);
    // One time axis: every time-axis panel keeps the widest left and right margins any of them needs, and
    // a panel stacked right above another one's time axis leaves the numbers to the lower one.
    const stacks = (d) => d && d.type.margins && d.p.type !== 'multiples';
    drawing.forEach((d, i) => {
      if (stacks(d) && stacks(drawing[i + 1])) d.options.xTickLabels = false;
    });
    const timed = drawing.filter((d) => d.type.margins);
    if (timed.length > 1) {
      let left = 0;
      let right = 0;
      for (const d of timed) {
        const needs = d.type.margins(d.p.canvas, d.options);
        left = Math.max(left, needs.left);
        right = Math.max(right, needs.right);
      }
      for (const d of timed) d.options.margins = { left, right };
    }
    const painted = (d) => {
      const plot = d.type.margins && d.p.layout && d.p.layout.plot;
      if (!plot) return;
      setAttr(d.p.canvas, 'data-plot-left', round2(plot.x));
      setAttr(d.p.canvas, 'data-plot-right', round2(plot.x + plot.width));
    };
    // A draw in progress panel by panel stops here: this one draws them all.
    const generation = ++this.paintGeneration;
    if (split && drawing.length) {
      // A long run: one panel per task, none in the task that brought the trace, so that the page answers
      // a click between them.
      this.painting = new Promise((resolve) => {
        const next = () => {
          if (generation !== this.paintGeneration || !this.built) return resolve();
          const d = drawing.shift();
          this.paint(d.p, d.type.draw, d.options);
          painted(d);
          if (drawing.length) return nextTask(next);
          this.renderStepCounter();
          resolve();
        };
        nextTask(next);
      });
      return;
    }
    for (const d of drawing) {
      this.paint(d.p, d.type.draw, d.options);
      painted(d);
    }
    this.renderStepCounter();
    if (this.inspector) this.inspector.drawn();
    if (this.sound) this.sound.drawn();
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

  // The pointer (mouse, finger or pen) over a panel: the read-out names the step, the value and the series
  // it belongs to, and a line marks the step on every time-axis panel of the figure.
  hover(panel, event) {
    if (!panel.layout) return;
    const rect = panel.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const hit = hitTest(panel.layout, x, y);
    if (!hit) {
      this.clearHover();
      return;
    }
    const { name, value } = this.seriesUnder(panel, hit, y);
    const text = panel.layout.kind === 'bars' ? `neuron ${hit.label}: ${hit.value} (${name})` : `${formatReadout({ ...hit, value })} (${name})`;
    if (this.hovered && this.hovered !== panel) this.hovered.readout.textContent = '';
    this.hovered = panel;
    panel.readout.textContent = text;
    this.placeReadout(panel, hit);
    this.showHoverLines(panel, hit);
    if (this.inspector) this.inspector.follow(panel, hit);
  }

  clearHover() {
    if (!this.hovered) return;
    this.hovered.readout.textContent = '';
    for (const p of this.panels) p.hoverLine.hidden = true;
    this.hovered = null;
  }

  // What the value under the pointer belongs to — the nearest line, the raster's row, the small plot, or the
  // panel's one series — and the value to read out: of several lines, the nearest one's.
  seriesUnder(panel, hit, y) {
    const layout = panel.layout;
    if ((layout.kind === 'lines' || layout.kind === 'curve') && layout.series.length > 1) {
      let best = 0;
      layout.series.forEach((s, i) => {
        const v = hit.values[i];
        const bv = hit.values[best];
        if (Number.isFinite(v) && (!Number.isFinite(bv) || Math.abs(layout.yScale(v) - y) < Math.abs(layout.yScale(bv) - y))) best = i;
      });
      hit.series = best;
      return { name: layout.series[best].label, value: hit.values[best] };
    }
    const own = panelTypes.get(panel.type).name(this, panel);
    if (layout.kind === 'raster' && layout.rows > 1) return { name: layout.rowLabels ? `${layout.rowLabels[hit.row]}` : `neuron ${hit.row}`, value: hit.value };
    if (layout.kind === 'multiples') return { name: layout.cells[hit.cell].series[0].label || own, value: hit.value };
    return { name: own, value: hit.value };
  }

  // Puts the panel's read-out at the top left of its plot (of the small plot under the pointer), or at the
  // bottom left when it would cover the threshold's label there.
  placeReadout(panel, hit) {
    const layout = panel.layout;
    if (!layout) return;
    const cell = layout.kind === 'multiples' && hit && hit.cell !== undefined ? layout.cells[hit.cell] : null;
    const plot = cell ? cell.plot : layout.plot;
    const label = cell ? cell.thresholdLabel : layout.thresholdLabel;
    const readout = panel.readout;
    const left = plot.x + 4;
    let top = plot.y + 2;
    const box = { x: left, y: top, width: readout.offsetWidth, height: readout.offsetHeight };
    if (overlap(box, label)) top = plot.y + plot.height - box.height - 2;
    readout.style.left = `${panel.canvas.offsetLeft + left}px`;
    readout.style.top = `${panel.canvas.offsetTop + top}px`;
  }

  // The hovered step on every time-axis panel (on a small-multiples panel, in the small plot hovered); the
  // hovered value on a curve, on that panel alone.
  showHoverLines(panel, hit) {
    const step = hit.index;
    for (const p of this.panels) {
      const type = panelTypes.get(p.type);
      let at = null;
      if (type.margins && p.layout && (p === panel || p.layout.kind !== 'multiples') && panel.layout.kind !== 'bars') {
        at = valueAt(p.layout, step, p === panel && hit.cell !== undefined ? hit.cell : 0);
      } else if (p === panel && p.layout.kind === 'curve') {
        at = { x: p.layout.xScale(hit.xValue), plot: p.layout.plot };
      }
      if (!at || !Number.isFinite(at.x)) {
        p.hoverLine.hidden = true;
        continue;
      }
      p.hoverLine.style.left = `${p.canvas.offsetLeft + at.x}px`;
      p.hoverLine.style.top = `${p.canvas.offsetTop + at.plot.y}px`;
      p.hoverLine.style.height = `${at.plot.height}px`;
      p.hoverLine.hidden = false;
    }
  }

  // A text alternative for screen readers: spike counts and first spike times (of a sweep: where each run
  // starts to fire along the swept values, and how much at the largest).
  describe() {
    const parts = [];
    this.traces.forEach((trace, vi) => {
      if (isSweep(trace)) {
        const variant = this.variants()[vi];
        const panel = (this.spec.panels || []).find((p) => panelTypes.get(p.type).sweep);
        parts.push(describeSweep(trace, { label: variant ? variant.label : '', name: (panel && panel.xName) || 'value' }));
        return;
      }
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

  // One notice line: why the current settings could not run, and why a link's or an attribute's settings
  // were not used.
  renderNotice() {
    const text = [this.runError, this.linkNotice, this.attributeNotice].filter(Boolean).join(' ');
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
    this.root.replaceChildren(el('p', { class: 'figure-error', part: 'error', role: 'alert', text: message }));
    this.dispatchEvent(new CustomEvent('snn-error', { bubbles: true, composed: true, detail: { message } }));
  }
}

// The core, or an error that says what a page must allow for it.
async function loadCore() {
  try {
    return await getSnn();
  } catch (e) {
    const csp = /Content.Security|unsafe-eval|CompileError/i.test(`${e && e.name} ${e && e.message}`);
    throw new Error(`the WebAssembly core did not load (${e && e.message ? e.message : e})${csp ? ": this page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src" : ''}`);
  }
}

export function defineFigure() {
  if (!customElements.get('snn-figure')) customElements.define('snn-figure', SnnFigure);
}
