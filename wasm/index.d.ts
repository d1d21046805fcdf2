// Types of the neuron core's JavaScript API (wasm/index.js). Emscripten 3.1.6 cannot emit them, so they
// are written by hand and checked by `tsc --noEmit` against tests/wasm/usage.ts.

/** A value per neuron (or one for all), as a number, an array or a typed array. */
export type Values = number | ArrayLike<number>;
/** Rows of input: nested arrays [T][N] (or [T][batch][N]), or one flat array / typed array. */
export type Rows = ArrayLike<number> | ReadonlyArray<ReadonlyArray<number> | ReadonlyArray<ReadonlyArray<number>>>;

export type ResetMechanism = 'subtract' | 'zero' | 'none';

/**
 * Errors carry the field that was wrong and the kind of rule it broke. Every argument (sizes, indices,
 * seeds, options, values) is read by the core as it was given: a numeric string, a boolean, NaN or an
 * object where a number belongs is a TypeError or RangeError with the core's message, never coerced.
 * Range, Limit and OutOfMemory are RangeErrors; Type and Invalid TypeErrors. `field` is '' for an error
 * that no field caused (a disposed object, a Trace made with new).
 */
export interface SnnErrorInfo {
  field: string;
  kind: ErrorKind;
}
/** The core's error kinds (catalogue().error_kinds). */
export type ErrorKind = 'Range' | 'Type' | 'Limit' | 'Invalid' | 'OutOfMemory' | 'Internal';
export type SnnRangeError = RangeError & SnnErrorInfo;
export type SnnTypeError = TypeError & SnnErrorInfo;

export interface TraceArray {
  /** Row-major values, a copy owned by JS. */
  data: Float32Array;
  /** [T][N] for a population, [T][batch][n] for a network, [T] for a flat one-neuron scenario. */
  shape: number[];
}

export interface Trace {
  readonly numSteps: number;
  readonly names: string[];
  readonly arrays: Record<string, TraceArray>;
  /** The input that was fed (runScenario only; null for run()). */
  readonly input: TraceArray | null;
  get(name: string): TraceArray | undefined;
  /** 64-bit FNV-1a of the trace's bits as 16 hex digits; `snn hash` prints the same. */
  hash(): string;
  /** The golden files' `output` layout: nested arrays per state. */
  toJSON(): Record<string, unknown>;
}

/** A sweep: one run per value of the number field at `path` (README.md, "Sweeps"). */
export interface Sweep {
  /** A dotted path into the Scenario: "constructor.beta", "input.step.amplitude", "layers.1.threshold", ... */
  path: string;
  values: ArrayLike<number>;
}

/**
 * What runScenario returns for a scenario with a `sweep`: for each value and each counted neuron (a
 * population's, or a network's last layer's in every batch row), the steps with a non-zero spike and the
 * first of them (-1: none). Arrays are copies owned by JS, row-major by `shape`.
 */
export interface SweepResult {
  readonly path: string;
  /** The spikes counted: "spk", or "spk<k>" for a network's last layer. */
  readonly array: string;
  readonly numSteps: number;
  readonly values: Float64Array;
  /** [values, N] for a population, [values, batch, n] for a network. */
  readonly shape: number[];
  readonly spikeCount: Int32Array;
  readonly firstSpike: Int32Array;
  /** Counted neurons per value (the product of shape after its first entry). */
  readonly neurons: number;
  /** Value i's counts and first spikes, as views onto spikeCount and firstSpike. */
  at(i: number): { value: number; spikeCount: Int32Array; firstSpike: Int32Array };
  /** What `snn run` prints: { path, array, num_steps, values, spike_count, first_spike }. */
  toJSON(): { path: string; array: string; num_steps: number; values: number[]; spike_count: unknown[]; first_spike: unknown[] };
}

/** The fields of a Scenario: see README.md ("Scenario reference"). */
interface ScenarioFields {
  model?: string;
  constructor?: Record<string, unknown>;
  init?: Record<string, Values>;
  num_steps?: number;
  num_neurons?: number;
  input: unknown;
  layers?: unknown[];
  batch_size?: number;
  seed?: number;
  /** Arrays to keep (default all); "mem1[0:9]" keeps neurons 0..8 of every batch row. */
  record?: string[];
  spike_timing?: 'after_update' | 'before_update';
  name?: string;
}
/** A Scenario: one run and its Trace. */
export interface Scenario extends ScenarioFields {
  /** A scenario with a sweep is a SweepScenario. */
  sweep?: undefined;
  [descriptive: string]: unknown;
}
/** A Scenario run once per value of one field; it records nothing (no `record`). */
export interface SweepScenario extends Omit<ScenarioFields, 'record'> {
  sweep: Sweep;
  record?: undefined;
  [descriptive: string]: unknown;
}

/** Options every population takes besides its model's keywords. */
interface PopulationOptions {
  numNeurons?: number;
  batchSize?: number;
  /** Initial state by name (mem, syn, syn_exc, syn_inh); the population resets to it. */
  init?: Record<string, Values>;
}
interface ThresholdOptions extends PopulationOptions {
  threshold?: Values;
  resetMechanism?: ResetMechanism;
}
/** snnTorch's keywords that do not change forward values (accepted for compatibility). */
interface SnnTorchOptions extends ThresholdOptions {
  spikeGrad?: string | null;
  surrogateDisable?: boolean;
  initHidden?: boolean;
  output?: boolean;
  learnThreshold?: boolean;
  /** Only false is supported. */
  inhibition?: false;
  /** Only false is supported. */
  stateQuant?: false;
}
// The keywords of each model are checked against the core's catalogue by tests/wasm/catalogue.test.js.
export interface LeakyOptions extends SnnTorchOptions {
  beta: Values;
  resetDelay?: boolean;
  gradedSpikesFactor?: Values;
  learnBeta?: boolean;
  learnGradedSpikesFactor?: boolean;
}
export interface SynapticOptions extends SnnTorchOptions {
  alpha: Values;
  beta: Values;
  resetDelay?: boolean;
  learnAlpha?: boolean;
  learnBeta?: boolean;
}
export interface AlphaOptions extends SnnTorchOptions {
  alpha: Values;
  beta: Values;
  learnAlpha?: boolean;
  learnBeta?: boolean;
}
export interface LapicqueOptions extends SnnTorchOptions {
  beta?: number;
  R?: number;
  C?: number;
  timeStep?: number;
  learnBeta?: boolean;
}
/** The tutorial notebook's hand-written forward-Euler neuron (not an snnTorch class). */
export interface EulerLIFOptions extends ThresholdOptions {
  R: number;
  C: number;
  timeStep?: number;
}

/** What one step returns: spikes and every state, copies owned by JS. */
/** What advance() returns: copies of the final states (mem, syn, ...) and the spike counts. */
export interface AdvanceResult {
  /** Steps in which each neuron spiked (absent with countSpikes: false). */
  spikeCounts?: Float32Array;
  [state: string]: Float32Array | undefined;
}

export interface StepResult {
  spk: Float32Array;
  mem: Float32Array;
  [state: string]: Float32Array;
}

export interface Disposable {
  /** Frees the core's memory. Using the object afterwards throws. Calling it twice is harmless. */
  dispose(): void;
  readonly disposed: boolean;
}

export interface NeuronPopulation extends Disposable {
  readonly model: string;
  readonly numNeurons: number;
  readonly batchSize: number;
  readonly size: number;
  readonly stateNames: string[];
  /**
   * One forward call on numNeurons x batchSize inputs (or one number for all). A step whose values leave
   * float32's range throws a RangeError and puts the population back at its initial state (so do advance()
   * and run()).
   */
  step(input: Values): StepResult;
  /**
   * `steps` forward calls on one input held constant, recording nothing (the fast path for large
   * populations). Returns the final states and, unless countSpikes is false, each neuron's spike count.
   */
  advance(input: Values, steps: number, options?: { countSpikes?: boolean }): AdvanceResult;
  /**
   * `steps` forward calls on [steps][numNeurons] inputs; steps defaults to what the inputs hold.
   * record: the arrays to keep (default: spk and every state); 'mem[0:9]' keeps neurons 0..8.
   */
  run(inputs: Rows, steps?: number, options?: { record?: string[] }): Trace;
  reset(): void;
  setInitialState(init: Record<string, Values>): void;
}

export interface NeuronClass<O> {
  new (options: O): NeuronPopulation;
}

export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
  seed?: number;
  /** [out][in] row-major. */
  weight?: Values;
  biasValues?: Values;
}
export interface Linear extends Disposable {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  load(weight: Values, bias?: Values): void;
  forward(x: Values): Float32Array;
}

export interface NetworkOptions {
  layers: unknown[];
  batchSize?: number;
  seed?: number;
}
export interface Network extends Disposable {
  readonly depth: number;
  readonly batchSize: number;
  readonly inputSize: number;
  readonly layerSizes: number[];
  step(input: Values): Record<string, Float32Array>;
  /** record: the arrays to keep, e.g. ['spk1', 'mem1[0:9]'] (default: cur, spk and states of every layer). */
  run(inputs: Rows, steps?: number, options?: { record?: string[] }): Trace;
  /** Layer `layer`'s weights [out][in] row-major; layer is 0..depth-1 (a RangeError otherwise). */
  weight(layer: number): Float32Array;
  bias(layer: number): Float32Array;
  reset(): void;
}

export interface Encoded {
  data: Float32Array;
  shape: [number, number];
}

export interface Spikegen {
  rate(data: Values, options: { numSteps: number; gain?: number; offset?: number; firstSpikeTime?: number; seed?: number }): Encoded;
  latency(
    data: Values,
    options: {
      numSteps: number;
      tau?: number;
      threshold?: number;
      firstSpikeTime?: number;
      onTarget?: number;
      offTarget?: number;
      clip?: boolean;
      normalize?: boolean;
      linear?: boolean;
      bypass?: boolean;
      epsilon?: number;
    },
  ): Encoded;
  delta(data: ReadonlyArray<ReadonlyArray<number>>, options?: { threshold?: number; padding?: boolean; offSpike?: boolean }): Encoded;
}

export interface RunOptions {
  previous?: Trace | null;
  /** Hears how far a long run has got: fractions in [0, 1], in order, while the run goes on. */
  onProgress?: ((fraction: number) => void) | null;
}

/** What toMessage makes: plain data (typed arrays included) that structured cloning carries. */
export type ResultMessage = { readonly kind: 'trace' | 'sweep' } & Record<string, unknown>;

export interface Snn {
  Lapicque: NeuronClass<LapicqueOptions>;
  Leaky: NeuronClass<LeakyOptions>;
  Synaptic: NeuronClass<SynapticOptions>;
  /** Old name of Synaptic. */
  Stein: NeuronClass<SynapticOptions>;
  Alpha: NeuronClass<AlphaOptions>;
  /** Old name of Alpha. */
  SRM0: NeuronClass<AlphaOptions>;
  EulerLIF: NeuronClass<EulerLIFOptions>;
  Linear: new (options: LinearOptions) => Linear;
  Network: new (options: NetworkOptions) => Network;
  spikegen: Spikegen;
  /**
   * Runs a Scenario. With `previous` (a Trace of an earlier runScenario), when the input has the same values
   * as previous.input (drawn from the same seed and spec, a slider moved a neuron parameter), the new
   * trace's `input` is previous.input itself instead of a fresh copy: cheap to compare, shared if mutated.
   */
  runScenario(scenario: Scenario, options?: RunOptions): Trace;
  /** A sweep scenario: one run per value, its spike counts and first spikes. */
  runScenario(scenario: SweepScenario, options?: Omit<RunOptions, 'previous'>): SweepResult;
  /** JSON text: a Trace, or a SweepResult when the text has a sweep. */
  runScenario(scenario: string, options?: RunOptions): Trace | SweepResult;
  /**
   * A result as a postMessage message and the buffers to transfer with it (they move to the receiver).
   * With `previous` (the trace sent before for the same figure), an input that is previous.input is not sent.
   */
  toMessage(result: Trace | SweepResult, options?: { previous?: Trace | null }): { message: ResultMessage; transfer: ArrayBuffer[] };
  /** The Trace or SweepResult a message of toMessage describes; `previous`: the receiver's last trace of it. */
  fromMessage(message: ResultMessage, options?: { previous?: Trace | null }): Trace | SweepResult;
  validateScenario(scenario: Scenario | SweepScenario | string): void;
  /** The Scenario with every default written out (what `snn resolve` prints; a sweep's too). */
  resolveScenario(scenario: Scenario | string): Scenario;
  resolveScenario(scenario: SweepScenario): SweepScenario;
  /** Every model, keyword, default, range and generator of the core (what `snn models --json` prints). */
  catalogue(): Catalogue;
  heapInUse(): number;
  memoryBytes(): number;
}

/** One field of the catalogue: a constructor keyword, a generator's or a Scenario's field. */
export interface CatalogueField {
  name: string;
  type: string;
  /** The value used when the field is absent (JSON). */
  default?: unknown;
  required?: boolean;
  /** What absence means when there is no plain default. */
  when_absent?: string;
  /** What the default depends on (e.g. "num_steps"). */
  default_from?: string;
  range?: { min?: { value: number; inclusive: boolean }; max?: { value: number; inclusive: boolean } };
  choices?: unknown[];
  rule?: string;
  label?: string;
  meaning?: string;
  /** false: accepted for snnTorch compatibility, changes no forward value. */
  forward: boolean;
  /** A range for a control that teaches well (a suggestion, not a rule). */
  typical?: { min: number; max: number; step: number };
  example?: unknown;
}
export interface CatalogueModel {
  name: string;
  aliases: string[];
  snntorch_class: string | null;
  version: string;
  spike_timing: 'after_update' | 'before_update';
  title: string;
  summary: string;
  update: string;
  states: string[];
  keywords: CatalogueField[];
  forms: string[][];
  rules: string[];
  /** The update as templates for a step inspector (catalogue.hpp, ModelEquations). */
  equations: CatalogueEquations | null;
}
/** One value an update equation reads or writes, and where a trace or the Scenario has it. */
export interface CatalogueTerm {
  /** The placeholder: {name} in a line. */
  name: string;
  /**
   * state: the state `of` as this step left it (its trace row); previous: as the step found it (the row
   * before, or the initial state at step 0); input: the input fed to the step; spike: the spike it
   * reported; keyword: the constructor keyword `of`; reset: the reset flag H(U − θ) of the membrane `of`
   * the step began with; derived: a constant the core derives (`of` says how); inside: a value inside the
   * step no trace keeps (`of`: the state it equals while the reset flag is 0).
   */
  source: 'state' | 'previous' | 'input' | 'spike' | 'keyword' | 'reset' | 'derived' | 'inside';
  of?: string;
  /** As snnTorch's code writes it. */
  snntorch: string;
  /** As the tutorial writes it. */
  tutorial: string;
}
/** An assignment "{lhs} = ..." in both notations. */
export interface CatalogueEquationLine {
  snntorch: string;
  tutorial: string;
}
export interface CatalogueEquationCase {
  reset_mechanism: string;
  /** Present when the case holds for this reset_delay only. */
  reset_delay?: boolean;
  lines: CatalogueEquationLine[];
  /** What the reset does in this case when its flag is 1. */
  branch: string;
  /** The spike line after the update, when this case has its own. */
  spike?: CatalogueEquationLine;
}
export interface CatalogueEquations {
  terms: CatalogueTerm[];
  /** The reset flag's line (first). */
  reset: CatalogueEquationLine;
  /** The lines of every case (after the reset's). */
  common: CatalogueEquationLine[];
  /** The first whose reset_mechanism (and reset_delay, when given) the Scenario has. */
  cases: CatalogueEquationCase[];
  /** The spike line (last), by spike_timing. */
  spike: { after_update: CatalogueEquationLine; before_update: CatalogueEquationLine };
}
export interface CatalogueGenerator {
  name: string;
  snntorch: string | null;
  summary: string;
  fields: CatalogueField[];
  rules: string[];
}
export interface Catalogue {
  snntorch: string;
  models: CatalogueModel[];
  generators: CatalogueGenerator[];
  scenario: CatalogueField[];
  linear: CatalogueField[];
  uniform: CatalogueField[];
  /** The fields of a scenario's sweep object. */
  sweep: CatalogueField[];
  /** The sine generator's own sine, sin(2π·turns) (float_math.hpp, sinTurns): its coefficients, lowest first. */
  sin_turns: { coefficients: number[] };
  limits: Record<string, number>;
  error_kinds: { name: ErrorKind; meaning: string }[];
}

export interface LoadOptions {
  /** An Emscripten factory to use instead of the default one for this environment. */
  factory?: (moduleOverrides?: object) => Promise<unknown>;
}

export function loadSnn(options?: LoadOptions): Promise<Snn>;
