// A model's update equations at one step, filled in with a trace's numbers: what the step inspector
// (inspector.js) shows. The equations are the core's catalogue's (catalogue().models[i].equations: terms and
// lines in snnTorch's and the tutorial's notation, a case per reset mechanism, the spike line per timing);
// the numbers are the trace's and the Scenario's. Nothing is computed from them: a term the run did not
// keep stays a symbol. The one decision made here is the one the catalogue's reset term names, H(U − θ) of
// the membrane the step began with, as the core makes it: a float32 comparison of two float32 values.
// No DOM here (tests/web/inspector.test.js runs it in Node).

const TERM = /\{(\w+)\}/g;

/** The catalogue's equations of a model entry; an Error naming the model when it has none. */
export function equationsOf(model) {
  const equations = model && model.equations;
  if (!equations || !Array.isArray(equations.terms) || !Array.isArray(equations.cases) || !equations.spike) {
    throw new Error(`the core's catalogue has no update equations for ${model ? model.name : 'this model'}: the step inspector cannot show its step (core/src/catalogue.cpp, ModelEquations)`);
  }
  return equations;
}

/**
 * The lines a step of this model computes, in order, for its resolved keywords and spike timing: the reset
 * flag, the lines of every case, those of the case its reset_mechanism (and reset_delay) picks, the spike.
 * Returns { lines, branch, spike } (spike: the spike line); throws when no case matches.
 */
export function linesFor(model, keywords, timing) {
  const e = equationsOf(model);
  const reset = keywords.reset_mechanism;
  const found = e.cases.find((c) => c.reset_mechanism === reset && (c.reset_delay === undefined || c.reset_delay === keywords.reset_delay));
  if (!found) throw new Error(`the core's catalogue has no update equations for ${model.name} with reset_mechanism ${JSON.stringify(reset)}`);
  const spike = timing === 'before_update' ? e.spike.before_update : found.spike || e.spike.after_update;
  return { lines: [e.reset, ...e.common, ...found.lines, spike], branch: found.branch, spike };
}

// The shortest decimal that reads back as the same float32 ("0.8", not 0.800000011920929).
export function float32Text(value) {
  if (!Number.isFinite(value)) return String(value);
  const f = Math.fround(value);
  if (Object.is(f, -0)) return '-0';
  for (let p = 1; p < 10; p++) {
    const text = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return String(f);
}

/** float32Text with a minus sign for print ("−0.2"). */
export function numberText(value) {
  return float32Text(value).replace(/^-/, '−');
}

// In the tutorial's notation two terms side by side multiply; the numbers need the sign between them.
const withProducts = (template) => template.replace(/([})])\s*(?=[{(A-Za-z])/g, '$1 × ');

// A template as segments: { text } between the terms, { term } for each.
function segments(template) {
  const out = [];
  let last = 0;
  for (const m of template.matchAll(TERM)) {
    if (m.index > last) out.push({ text: template.slice(last, m.index) });
    out.push({ term: m[1] });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  return out;
}

const pick = (value, neuron) => (Array.isArray(value) ? value[neuron] : value);

/**
 * The values of every term of the model's equations for neuron `neuron` at step `step` of a run:
 *   run = { keywords (the resolved constructor or layer), init (state -> number or per neuron),
 *           at(array, step) -> number, or a string saying why the run has no such value;
 *           arrays: { state name -> the run's array name }, input, spike: the run's names for them }
 * Returns Map(term name -> { value } | { missing: why }).
 */
export function termValues(model, run, step, neuron) {
  const e = equationsOf(model);
  const values = new Map();
  const state = (of, t) => {
    if (t >= 0) return run.at(run.arrays[of] || of, t);
    const init = run.init ? pick(run.init[of], neuron) : undefined;
    return typeof init === 'number' ? init : 0;
  };
  const threshold = pick(run.keywords.threshold, neuron);
  for (const term of e.terms) {
    let v;
    switch (term.source) {
      case 'state': v = state(term.of, step); break;
      case 'previous': v = state(term.of, step - 1); break;
      case 'input': v = run.at(run.input, step); break;
      case 'spike': v = run.at(run.spike, step); break;
      case 'keyword': {
        const k = pick(run.keywords[term.of], neuron);
        v = typeof k === 'number' ? Math.fround(k) : `${term.of} is not in the Scenario: the core derives it (${model.name})`;
        break;
      }
      case 'reset': {
        const u = state(term.of, step - 1);
        v = typeof u === 'number' && typeof threshold === 'number' ? (u > Math.fround(threshold) ? 1 : 0) : 'its membrane is not in the run';
        break;
      }
      case 'derived': v = `the core derives it once: ${term.of}`; break;
      default: v = 'a value inside the step that no trace keeps';
    }
    values.set(term.name, typeof v === 'number' ? { value: v } : { missing: v });
  }
  // A value inside the step equals its state while the reset flag is 0 (catalogue: inside terms' `of`).
  const flag = values.get('reset');
  for (const term of e.terms) {
    if (term.source === 'inside' && term.of && flag && flag.value === 0) {
      const same = e.terms.find((t) => t.source === 'state' && t.of === term.of);
      if (same && 'value' in values.get(same.name)) values.set(term.name, { value: values.get(same.name).value, as: same.name });
    }
  }
  return values;
}

/**
 * One step, ready to show: every line in both notations and with the numbers, the reset flag and why, and
 * the spike decision. `names` picks the notation's spelling of a term ('snntorch' or 'tutorial').
 * Returns { lines: [{ snntorch, tutorial, numbers }] (each a list of segments: { text } or
 * { term, text, value? }), branch, reset: { value, previous, threshold }, spike: { value, from, threshold },
 * missing: [{ term, symbol, why }] }.
 */
export function stepEquations(model, run, step, neuron) {
  const e = equationsOf(model);
  const { lines, branch, spike } = linesFor(model, run.keywords, run.timing);
  const values = termValues(model, run, step, neuron);
  const terms = new Map(e.terms.map((t) => [t.name, t]));
  const spelled = (notation) => (s) => (s.term ? { term: s.term, text: terms.get(s.term)[notation] } : s);
  const numbered = (s, i) => {
    if (!s.term) return s;
    const v = values.get(s.term);
    if (!('value' in v)) return { term: s.term, text: terms.get(s.term).tutorial };
    const text = numberText(v.value);
    // A negative number after an operator is bracketed: "0.8 × (−0.2)".
    return { term: s.term, value: v.value, text: i > 0 && (v.value < 0 || Object.is(v.value, -0)) ? `(${text})` : text };
  };
  const shown = lines.map((line) => ({
    snntorch: segments(line.snntorch).map(spelled('snntorch')),
    tutorial: segments(line.tutorial).map(spelled('tutorial')),
    numbers: segments(withProducts(line.tutorial)).map(numbered),
  }));
  // The membrane the spike is read from: the term the spike line compares with the threshold.
  const from = [...spike.snntorch.matchAll(TERM)].map((m) => m[1]).find((n) => n !== 'spk' && n !== 'threshold' && terms.get(n).source !== 'keyword');
  const used = new Set(lines.flatMap((l) => [...l.snntorch.matchAll(TERM)].map((m) => m[1])));
  const missing = e.terms.filter((t) => used.has(t.name) && !('value' in values.get(t.name))).map((t) => ({ term: t.name, symbol: t.tutorial, why: values.get(t.name).missing }));
  const resetTerm = e.terms.find((t) => t.source === 'reset');
  const prevTerm = e.terms.find((t) => t.source === 'previous' && t.of === resetTerm.of);
  return {
    lines: shown,
    branch,
    terms,
    values,
    reset: { value: values.get(resetTerm.name), previous: prevTerm ? prevTerm.name : null },
    spike: { value: values.get('spk'), from },
    missing,
  };
}
