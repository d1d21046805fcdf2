// Type-checked (never run) by tests/wasm/types.test.js: `tsc --noEmit` must accept this usage of the API.
import { loadSnn, type Snn, type Trace, type SweepResult, type SnnRangeError } from 'snn-tutorial';

async function main(): Promise<void> {
  const snn: Snn = await loadSnn();
  const lif = new snn.Leaky({ beta: 0.8, threshold: 1, resetMechanism: 'zero', numNeurons: 3, init: { mem: 0.1 } });
  const out = lif.step([0.2, 0.3, 0.4]);
  const mem: Float32Array = out.mem;
  const trace: Trace = lif.run([[0.1, 0.2, 0.3]], 1);
  const shape: number[] = trace.get('mem')!.shape;
  const counts: Float32Array | undefined = lif.advance(0.3, 100).spikeCounts;
  const settled: Float32Array | undefined = lif.advance([0.1, 0.2, 0.3], 50, { countSpikes: false }).mem;
  lif.dispose();

  const syn = new snn.Stein({ alpha: 0.9, beta: 0.8 });
  syn.reset();
  syn.dispose();
  const lap = new snn.Lapicque({ R: 5.1, C: 5e-3, timeStep: 1e-3 });
  lap.dispose();

  const t = snn.runScenario({ model: 'Alpha', constructor: { alpha: 0.8, beta: 0.7 }, num_steps: 10, input: { constant: { value: 0.5 } } });
  const hash: string = t.hash();
  const again = snn.runScenario({ model: 'Alpha', constructor: { alpha: 0.8, beta: 0.6 }, num_steps: 10, input: { constant: { value: 0.5 } } }, { previous: t });
  const shared: boolean = again.input === t.input;
  const json: string = JSON.stringify(t);

  const fi: SweepResult = snn.runScenario({ model: 'Leaky', constructor: { beta: 0.9 }, num_steps: 200, input: { constant: { value: 0 } },
                                            sweep: { path: 'input.constant.value', values: [0, 0.5, 1] } });
  const fiCounts: Int32Array = fi.at(1).spikeCount;
  const firsts: Int32Array = fi.firstSpike;
  const perValue: number = fi.neurons;
  const either: Trace | SweepResult = snn.runScenario('{"model": "Leaky", "constructor": {"beta": 0.9}, "num_steps": 3, "input": [[1]]}');
  // @ts-expect-error a sweep records nothing
  snn.runScenario({ model: 'Leaky', num_steps: 5, input: [[1]], record: ['mem'], sweep: { path: 'constructor.beta', values: [0.5] } });

  const spikes = snn.spikegen.rate(new Float32Array([0.1, 0.9]), { numSteps: 20, seed: 3 });
  const first: number = spikes.data[0];

  const net = new snn.Network({ layers: [{ type: 'Linear', in: 4, out: 2 }, { type: 'Leaky', beta: 0.9 }], seed: 1 });
  const r: Float32Array = net.step([1, 0, 1, 0]).spk1;
  net.dispose();

  const equations = snn.catalogue().models[0].equations;
  const line: string = equations ? equations.cases[0].lines[0].tutorial : '';
  const source: 'state' | 'previous' | 'input' | 'spike' | 'keyword' | 'reset' | 'derived' | 'inside' | undefined = equations?.terms[0].source;
  const afterSpike: string | undefined = equations?.spike.after_update.snntorch;
  console.log(line, source, afterSpike);

  try {
    new snn.Alpha({ alpha: 0.7, beta: 0.8 });
  } catch (e) {
    const err = e as SnnRangeError;
    console.log(err.field, err.kind, err.message);
  }
  console.log(mem, shape, hash, json, first, r, fiCounts, firsts, perValue, either);
  // @ts-expect-error beta is required for Leaky
  new snn.Leaky({ threshold: 1 });
}

void main;
