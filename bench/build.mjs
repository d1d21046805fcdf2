// Compiles bench/native_bench.cpp twice, into build/bench/ (rebuilt only when the source, the core library or
// the command changes):
//   native_bench         g++ -std=c++17 -O3 -DNDEBUG -ffp-contract=off -fno-fast-math, against
//                        build/native/libsnn_core.a (what `npm run build:native` made)
//   wasm_core_bench.cjs  em++ with the WASM preset's compile flags (-O3 -msimd128 -mbulk-memory -fwasm-exceptions
//                        -ffp-contract=off), against build/wasm/libsnn_core.a (the objects inside the shipped
//                        snn.wasm), linked -O3 for Node. Skipped, with a note, when em++ is missing.
// Never fast-math: it would change the numbers whose checksums the bench compares.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FP = ['-ffp-contract=off', '-fno-fast-math'];

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function upToDate(output, inputs, stampFile, command) {
  if (!existsSync(output) || !existsSync(stampFile)) return false;
  if (readFileSync(stampFile, 'utf8') !== command) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

function compile({ root, compiler, args, output, inputs, env, log }) {
  const outDir = join(root, 'build/bench');
  mkdirSync(outDir, { recursive: true });
  const stamp = `${output}.cmd`;
  const command = [compiler, ...args].join(' ');
  if (upToDate(output, inputs, stamp, command)) return { built: false, command };
  log(`bench: compiling ${output.slice(root.length + 1)}`);
  execFileSync(compiler, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  writeFileSync(stamp, command);
  return { built: true, command };
}

export function buildNative(root, log) {
  const lib = join(root, 'build/native/libsnn_core.a');
  if (!existsSync(lib)) throw new Error('build/native/libsnn_core.a is missing: run `npm run build` (or `npm run build:native`) first');
  const src = join(root, 'bench/native_bench.cpp');
  const output = join(root, 'build/bench/native_bench');
  const args = ['-std=c++17', '-O3', '-DNDEBUG', ...FP, '-Icore/include', '-I/usr/include/eigen3', 'bench/native_bench.cpp',
    'build/native/libsnn_core.a', '-o', output];
  const r = compile({ root, compiler: 'g++', args, output, inputs: [src, lib], log });
  return { binary: output, command: r.command, compiler: execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0] };
}

export function buildWasmCore(root, log) {
  const lib = join(root, 'build/wasm/libsnn_core.a');
  if (!existsSync(lib)) throw new Error('build/wasm/libsnn_core.a is missing: run `npm run build` (or `npm run build:wasm`) first');
  const empp = which('em++');
  if (!empp) return null;
  const src = join(root, 'bench/native_bench.cpp');
  const output = join(root, 'build/bench/wasm_core_bench.cjs');
  const args = ['-std=c++17', '-O3', '-DNDEBUG', '-msimd128', '-mbulk-memory', '-fwasm-exceptions', ...FP, '-Icore/include', '-I/usr/include/eigen3',
    'bench/native_bench.cpp', 'build/wasm/libsnn_core.a', '-sENVIRONMENT=node', '-sALLOW_MEMORY_GROWTH=1',
    '-sMAXIMUM_MEMORY=2147483648', '-sMALLOC=emmalloc', '-sSINGLE_FILE=1', '-o', output];
  // Debian's emcc needs Debian's acorn when Node is not Debian's (as scripts/build-wasm.sh does).
  const env = { NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` };
  const r = compile({ root, compiler: empp, args, output, inputs: [src, lib], env, log });
  let version = null;
  try {
    version = execFileSync(empp, ['--version'], { encoding: 'utf8', env: { ...process.env, ...env } }).split('\n')[0];
  } catch {
    version = 'em++';
  }
  return { script: output, command: r.command, compiler: version };
}
