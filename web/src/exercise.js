// <snn-exercise ref="first-spike-50">: an exercise of exercises.js around its live figure. The goal is checked
// on every trace the figure draws (the core's numbers); hints come one at a time; "Show a solution" searches
// the controls' positions with the core and moves the sliders there. A solved exercise is kept in
// localStorage, and announced with a `snn-exercise` event (it bubbles out of shadow roots) and a
// postMessage({ type: 'snn-exercise', id, solved }) to the page that frames this one (an LMS, an H5P wrapper).
import { el } from './dom.js';
import { checkGoal, exerciseSpec, exercises, findSolution, scenarioWith } from './exercises.js';

const PROGRESS_KEY = 'snn-tutorial.exercises';
const SEED_KEY = 'snn-tutorial.learner-seed';

// localStorage may be missing or refuse (private windows, file:// in some browsers): progress is then kept
// for this visit only.
const memory = new Map();
function readStore(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}
function writeStore(key, value) {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    // kept in memory
  }
}

/** Which exercises this browser has solved: { id: { solved, at } }. */
export function progress() {
  try {
    const parsed = JSON.parse(readStore(PROGRESS_KEY) || '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function recordProgress(id, solved) {
  const all = progress();
  if (solved) all[id] = { solved: true, at: new Date().toISOString() };
  writeStore(PROGRESS_KEY, JSON.stringify(all));
}

// The learner's seed, for exercises drawn per learner (the mystery neuron): made once, then kept.
function learnerSeed() {
  const kept = Number(readStore(SEED_KEY));
  if (Number.isInteger(kept) && kept > 0) return kept;
  const seed = 1 + (crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000);
  writeStore(SEED_KEY, String(seed));
  return seed;
}

export class SnnExercise extends HTMLElement {
  connectedCallback() {
    if (this._started) return;
    this._started = true;
    const id = this.getAttribute('ref') || '';
    this.exercise = Object.hasOwn(exercises, id) ? exercises[id] : null;
    if (!this.exercise) {
      this.append(el('p', { class: 'figure-notice', text: `There is no exercise called "${id.slice(0, 60)}". Known exercises: ${Object.keys(exercises).join(', ')}.` }));
      return;
    }
    this.exerciseId = id;
    this.build();
  }

  build() {
    const { exercise, exerciseId: id } = this;
    this.spec = exerciseSpec(exercise, learnerSeed());
    this.solved = false;
    const heading = el('h4', { class: 'exercise-title', id: `exercise-${id}`, text: `Exercise: ${exercise.title}` });
    this.badge = el('span', { class: 'exercise-badge', text: progress()[id]?.solved ? 'solved before' : '' });
    heading.append(' ', this.badge);
    this.status = el('p', { class: 'exercise-status', role: 'status', 'aria-live': 'polite' });
    this.figure = el('snn-figure', { id: `ex-${id}` });
    this.figure.append(el('script', { type: 'application/json', text: JSON.stringify(this.spec) }));
    this.figure.addEventListener('snn-trace', (e) => this.evaluate(e.detail.traces));

    this.hintList = el('ol', { class: 'exercise-hints' });
    const hintButton = el('button', { type: 'button', class: 'exercise-hint', text: 'Show a hint' });
    hintButton.addEventListener('click', () => {
      const shown = this.hintList.children.length;
      if (shown < exercise.hints.length) this.hintList.append(el('li', { text: exercise.hints[shown] }));
      if (this.hintList.children.length === exercise.hints.length) hintButton.disabled = true;
    });
    this.solutionButton = el('button', { type: 'button', class: 'exercise-solution', text: 'Show a solution' });
    this.solutionButton.addEventListener('click', () => this.showSolution());
    const buttons = el('p', { class: 'exercise-buttons' }, hintButton, ' ', this.solutionButton);
    this.append(el('section', { class: 'exercise', 'aria-labelledby': heading.id },
      heading, el('p', { class: 'exercise-goal', text: exercise.goal }), this.figure, this.status, buttons, this.hintList));
  }

  // The goal against the figure's new traces.
  evaluate(traces) {
    const figure = this.figure;
    const variants = figure.variants();
    const rerun = (values) => figure.snn.runScenario(scenarioWith(this.spec, variants[0], values));
    let state;
    try {
      state = checkGoal(this.exercise.check, traces, { rerun, controls: figure.controls, values: figure.values });
    } catch (e) {
      state = { met: false, status: e.message };
    }
    const text = state.met ? `Solved: ${state.status}.` : `Not yet: ${state.status}.`;
    if (this.status.textContent !== text) this.status.textContent = text;
    this.classList.toggle('solved', state.met);
    if (state.met === this.solved) return;
    this.solved = state.met;
    if (state.met) {
      recordProgress(this.exerciseId, true);
      this.badge.textContent = 'solved';
    }
    const detail = { id: this.exerciseId, solved: state.met };
    this.dispatchEvent(new CustomEvent('snn-exercise', { detail, bubbles: true, composed: true }));
    if (window.parent && window.parent !== window) window.parent.postMessage({ type: 'snn-exercise', ...detail }, '*');
  }

  // Searches the exercise's controls with the core, in slices that leave the page responsive, then moves them.
  async showSolution() {
    const button = this.solutionButton;
    button.disabled = true;
    button.textContent = 'Searching…';
    await this.figure.ready;
    const found = await findSolution(this.figure.snn, this.exercise, this.spec, this.figure.values, 8);
    button.disabled = false;
    button.textContent = 'Show a solution';
    if (!found) {
      this.status.textContent = 'No position of these controls meets the goal from here.';
      return;
    }
    for (const key of this.exercise.solve) this.figure.set(key, found[key]);
  }
}

export function defineExercise() {
  if (!customElements.get('snn-exercise')) customElements.define('snn-exercise', SnnExercise);
}
