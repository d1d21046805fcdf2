// README.md's tables of models, keywords and generators are the catalogue's (scripts/catalogue-docs.mjs
// writes them): a keyword added to the core without regenerating them fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnn } from 'snn-tutorial';
import { generatorsTable, modelsTable, withTables } from '../../scripts/catalogue-docs.mjs';
import { repoRoot } from './helpers.js';

const snn = await loadSnn();
const catalogue = snn.catalogue();

test('the README carries the catalogue\'s tables as they are today', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.equal(withTables(readme, catalogue), readme, 'run node scripts/catalogue-docs.mjs');
});

test('the tables name every model, forward keyword and generator field, and change when the catalogue does', () => {
  const models = modelsTable(catalogue);
  for (const m of catalogue.models) {
    assert.ok(models.includes(`\`${m.name}\``), m.name);
    for (const k of m.keywords) assert.ok(models.includes(`\`${k.name}\``), `${m.name}.${k.name}`);
  }
  const generators = generatorsTable(catalogue);
  for (const g of catalogue.generators) for (const f of g.fields) assert.ok(generators.includes(`\`${f.name}\``), `${g.name}.${f.name}`);
  // A keyword the README has not seen makes it out of date.
  const changed = structuredClone(catalogue);
  changed.models[1].keywords.push({ name: 'new_keyword', type: 'number', default: 0, forward: true, meaning: 'a test' });
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.notEqual(withTables(readme, changed), readme);
});
