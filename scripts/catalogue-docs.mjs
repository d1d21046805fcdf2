// Writes README.md's tables of models, keywords and input generators from the core's catalogue (the
// built WASM module's catalogue(), which `snn models --json` prints too), between the markers
// <!-- catalogue:NAME --> and <!-- /catalogue:NAME -->. With --check it changes nothing and exits 1 when
// the README is out of date (tests/wasm/readme.test.js runs it so).
//
//   node scripts/catalogue-docs.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnn } from '../wasm/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');

const code = (v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function bounds(field) {
  const r = field.range;
  if (!r) return '';
  const lo = r.min ? `${r.min.value} ${r.min.inclusive ? '≤' : '<'} ` : '';
  const hi = r.max ? ` ${r.max.inclusive ? '≤' : '<'} ${r.max.value}` : '';
  return `${lo}x${hi}`;
}

function whenAbsent(field) {
  if ('default' in field) return code(field.default);
  if (field.required) return 'required';
  return field.when_absent || field.default_from || '';
}

function rule(field) {
  return [bounds(field), field.choices ? `one of ${field.choices.map(code).join(', ')}` : '', field.rule || ''].filter(Boolean).join('; ');
}

export function modelsTable(catalogue) {
  const rows = ['| model | keyword | when absent | range or rule | meaning |', '|---|---|---|---|---|'];
  for (const m of catalogue.models) {
    const name = `${code(m.name)}${m.aliases.length ? ` (old name ${m.aliases.map(code).join(', ')})` : ''}`;
    const forward = m.keywords.filter((k) => k.forward);
    forward.forEach((k, i) => rows.push(`| ${i ? '' : name} | ${code(k.name)} | ${cell(whenAbsent(k))} | ${cell(rule(k))} | ${cell(k.meaning || '')} |`));
    const inert = m.keywords.filter((k) => !k.forward).map((k) => code(k.name));
    const states = m.states.map(code).join(', ');
    const notes = [`states ${states}`, m.snntorch_class ? `snnTorch class ${code(m.snntorch_class)}` : 'not an snnTorch class', ...m.rules];
    if (inert.length) notes.push(`accepted, no forward effect: ${inert.join(', ')}`);
    rows.push(`| | | | | ${cell(notes.join('; '))} |`);
  }
  return rows.join('\n');
}

export function generatorsTable(catalogue) {
  const rows = ['| generator | field | when absent | meaning |', '|---|---|---|---|'];
  for (const g of catalogue.generators) {
    const name = `${code(g.name)}${g.snntorch ? ` (as ${code(g.snntorch)})` : ''}`;
    if (!g.fields.length) rows.push(`| ${name} | | | ${cell([g.summary, ...g.rules].join('; '))} |`);
    g.fields.forEach((f, i) => rows.push(`| ${i ? '' : name} | ${code(f.name)} | ${cell(whenAbsent(f))} | ${cell(f.meaning || '')}${i === 0 ? ` (${cell([g.summary, ...g.rules].join('; '))})` : ''} |`));
  }
  return rows.join('\n');
}

// The README with its catalogue sections replaced.
export function withTables(readme, catalogue) {
  const tables = { models: modelsTable(catalogue), generators: generatorsTable(catalogue) };
  let out = readme;
  for (const [name, table] of Object.entries(tables)) {
    const start = `<!-- catalogue:${name} -->`;
    const end = `<!-- /catalogue:${name} -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${start} ... ${end} section`);
    out = `${out.slice(0, a + start.length)}\n${table}\n${out.slice(b)}`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const snn = await loadSnn();
  const readme = readFileSync(readmePath, 'utf8');
  const next = withTables(readme, snn.catalogue());
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md: the catalogue tables are out of date; run node scripts/catalogue-docs.mjs');
      process.exit(1);
    }
  } else if (next !== readme) {
    writeFileSync(readmePath, next);
    console.log('README.md: catalogue tables written');
  }
}
