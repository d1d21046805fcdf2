// The three artifacts are one core: the browser ES module (with its .wasm beside it) and the classic
// single-file script load (here in Node, standing in for a browser) and give the traces the Node build gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { loadSnn } from 'snn-tutorial';
import { determinismSet, repoRoot } from './helpers.js';

const dist = join(repoRoot, 'build/wasm/dist');
const scenarios = determinismSet().filter((_, i) => i % 7 === 0);

async function hashesWith(factory) {
  const snn = await loadSnn(factory ? { factory } : {});
  return scenarios.map((s) => snn.runScenario(s).hash());
}

test('ES-module build (snn.min.mjs + snn.wasm) gives the same traces as the Node build', async () => {
  const esm = (await import(join(dist, 'snn.min.mjs'))).default;
  const wasmBinary = readFileSync(join(dist, 'snn.wasm'));
  assert.deepEqual(await hashesWith(() => esm({ wasmBinary })), await hashesWith());
});

test('single-file classic build defines createSnnCore and gives the same traces', async () => {
  const context = { atob, console, WebAssembly, setTimeout, clearTimeout, TextDecoder, performance };
  context.window = context;
  context.self = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(join(dist, 'snn.single.js'), 'utf8'), context);
  assert.equal(typeof context.createSnnCore, 'function');
  assert.deepEqual(await hashesWith(context.createSnnCore), await hashesWith());
});

// 335 KB: 250 until the model catalogue (every keyword's default, range and meaning, with the resolver)
// moved into the module (+31 KB, ~12 KB of them text) and torch's float32 log (+1.5 KB); 300 until the
// JS API's arguments were read by the core (sizes, indices, seeds, options: api.cpp), runs refused when
// they overflow float32, the memory budget and the generators' work count came (+18 KB, at 301 KB then);
// 310 until those met sweeps and the sine and ramp generators in one module (318 KB); 325 until every
// model's update equations joined the catalogue, in both notations, for the page's step inspector (+10 KB,
// 5.7 KB of them text; 328 KB then). The product's own bound is the single file's (1 MB, bench); this one
// says when the module grows.
test('runtime size: .wasm + ES-module glue within 335 KB (sizes reported)', () => {
  const wasm = readFileSync(join(dist, 'snn.wasm'));
  const glue = readFileSync(join(dist, 'snn.min.mjs'));
  const total = wasm.length + glue.length;
  const gzip = gzipSync(wasm).length + gzipSync(glue).length;
  const single = statSync(join(dist, 'snn.single.js')).size;
  console.log(`# sizes: wasm ${wasm.length} B, glue ${glue.length} B, total ${total} B (gzip ${gzip} B); single file ${single} B`);
  assert.ok(total <= 335 * 1000, `wasm + glue = ${total} bytes`);
});
