// The npm package (Node, no browser; dist/ and build/wasm/dist/ built first): `npm pack --dry-run` lists
// exactly the files others need — snn-figure.js and its types, snn-embed.js, the core's ES-module build and
// its Node build, the JS API and its types — and the packed tarball, installed into a project of its own,
// resolves by its exports: `snn-tutorial` runs the core in Node, `snn-tutorial/figure` and
// `snn-tutorial/embed` are the scripts, and TypeScript sees <snn-figure>'s types.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.js';

const SHIPPED = [
  'README.md',
  'package.json',
  'build/wasm/dist/snn.min.mjs',
  'build/wasm/dist/snn.node.cjs',
  'build/wasm/dist/snn.wasm',
  'dist/snn-embed.js',
  'dist/snn-figure.d.ts',
  'dist/snn-figure.js',
  'wasm/index.d.ts',
  'wasm/index.js',
].sort();

function npm(args, cwd = repoRoot) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

let work;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'snn-pack-'));
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the package is public and `npm pack --dry-run` lists exactly the shipped files', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  assert.notEqual(pkg.private, true, 'package.json is private');
  const [report] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
  assert.deepEqual(report.files.map((f) => f.path).sort(), SHIPPED);
  // Every export and the CDN fields point at a shipped file.
  const targets = [pkg.main, pkg.types, pkg.unpkg, pkg.jsdelivr];
  const walk = (e) => (typeof e === 'string' ? targets.push(e) : Object.values(e).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(SHIPPED.includes(t.replace(/^\.\//, '')), `${t} is not shipped`);
  const script = report.files.find((f) => f.path === 'dist/snn-figure.js');
  assert.ok(script.size > 300_000, `dist/snn-figure.js is ${script.size} bytes: is the core inlined?`);
});

test('installed from its tarball, the package resolves by its exports, runs the core and has types', () => {
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work]));
  const project = join(work, 'course');
  const installed = join(project, 'node_modules/snn-tutorial');
  mkdirSync(installed, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1']);
  assert.equal(untar.status, 0, String(untar.stderr));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'course', type: 'module', private: true }));
  writeFileSync(join(project, 'check.mjs'), `import { loadSnn } from 'snn-tutorial';
const snn = await loadSnn();
const trace = snn.runScenario({ model: 'Leaky', constructor: { beta: 0.8 }, num_steps: 20, input: { step: { amplitude: 0.3, start: 2 } } });
console.log(JSON.stringify({
  spikes: trace.get('spk').data.reduce((a, b) => a + b, 0),
  figure: import.meta.resolve('snn-tutorial/figure'),
  embed: import.meta.resolve('snn-tutorial/embed'),
  cdn: import.meta.resolve('snn-tutorial/dist/snn-figure.js'),
}));
`);
  const run = spawnSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(out.spikes > 0, 'the installed core ran no spikes');
  assert.equal(out.figure, pathToFileURL(join(installed, 'dist/snn-figure.js')).href);
  assert.equal(out.cdn, out.figure);
  assert.equal(out.embed, pathToFileURL(join(installed, 'dist/snn-embed.js')).href);

  // TypeScript in the course project: the element's types from snn-tutorial/figure, and a wrong use refused.
  const tsc = join(repoRoot, 'node_modules/.bin/tsc');
  const config = { compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] }, files: ['page.ts'] };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config));
  const page = `import 'snn-tutorial/figure';
import type { SnnChangeDetail } from 'snn-tutorial/figure';
const figure = document.createElement('snn-figure');
figure.set('amp', 0.3);
figure.set({ amp: 0.3, reset: 'zero' });
figure.reset();
const amp: number | string | boolean = figure.values.amp;
figure.addEventListener('snn-change', (e) => { const d: SnnChangeDetail = e.detail; console.log(d.key, d.source, amp); });
document.addEventListener('snn-trace', (e) => console.log(e.detail.traces.length));
`;
  writeFileSync(join(project, 'page.ts'), page);
  let r = spawnSync(tsc, ['-p', project], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  writeFileSync(join(project, 'page.ts'), page.replace("figure.reset();", "figure.reset(); figure.set('amp', [0.3]);"));
  r = spawnSync(tsc, ['-p', project], { encoding: 'utf8' });
  assert.notEqual(r.status, 0, 'tsc took a wrong use of the element');
});
