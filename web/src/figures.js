// The figures of the tutorial, by id: each is a Scenario plus its panels and controls (see figure.js).
// Lessons place them with <snn-figure ref="id">, embed.html shows one of them, and tests read them.
// Every spec is written out whole, shared values and all: one figure reads (and copies, as an example of
// a spec of your own) without looking anywhere else.
export const figures = {
  passive: {
    id: 'passive',
    title: 'A passive membrane decays towards rest',
    timeUnit: 'ms',
    scenario: {
      model: 'EulerLIF',
      constructor: {
        R: 5e7,
        C: 1e-10,
        time_step: 0.001,
        threshold: 100,
      },
      init: {
        mem: 0.9,
      },
      num_steps: 100,
      input: {
        constant: {
          value: 0,
        },
      },
    },
    panels: [
      {
        type: 'membrane',
        threshold: false,
        yLabel: 'membrane U (V)',
      },
    ],
    controls: [
      {
        key: 'u0',
        path: 'init.mem',
        label: 'Initial potential U0',
        min: 0,
        max: 2,
        step: 0.05,
        unit: 'V',
      },
      {
        key: 'R',
        path: 'constructor.R',
        min: 1e7,
        max: 2e8,
        step: 1e7,
        unit: 'MΩ',
        scale: 6,
      },
    ],
  },
  'lapicque-rest': {
    id: 'lapicque-rest',
    title: 'Lapicque without stimulus',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5,
        C: 0.001,
        time_step: 0.001,
      },
      init: {
        mem: 0.9,
      },
      num_steps: 100,
      input: {
        constant: {
          value: 0,
        },
      },
    },
    panels: [
      {
        type: 'membrane',
        threshold: false,
      },
    ],
    controls: [
      {
        key: 'u0',
        path: 'init.mem',
        label: 'Initial potential U0',
        min: 0,
        max: 1,
        step: 0.05,
      },
      {
        key: 'C',
        path: 'constructor.C',
        min: 0.0005,
        max: 0.01,
        step: 0.0005,
      },
    ],
  },
  'lapicque-step': {
    id: 'lapicque-step',
    title: 'A step current charges the membrane',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5,
        C: 0.001,
        time_step: 0.001,
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.1,
          start: 10,
        },
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'input current',
      },
      {
        type: 'membrane',
        threshold: false,
      },
    ],
    controls: [
      {
        key: 'amp',
        path: 'input.step.amplitude',
        label: 'Input current',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
      {
        key: 'start',
        path: 'input.step.start',
        label: 'Input starts at step',
        min: 0,
        max: 190,
        step: 1,
      },
    ],
  },
  'lapicque-pulses': {
    id: 'lapicque-pulses',
    title: 'Shorter pulses need more current to reach the same height',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5,
        C: 0.001,
        time_step: 0.001,
      },
      num_steps: 200,
      input: {
        pulses: [
          {
            start: 10,
            width: 20,
            amplitude: 0.1,
          },
        ],
      },
    },
    variants: [
      {
        label: '0.1 for 20 steps',
        set: {},
      },
      {
        label: '0.111 for 10 steps',
        set: {
          input: {
            pulses: [
              {
                start: 10,
                width: 10,
                amplitude: 0.111,
              },
            ],
          },
        },
      },
      {
        label: '0.147 for 5 steps',
        set: {
          input: {
            pulses: [
              {
                start: 10,
                width: 5,
                amplitude: 0.147,
              },
            ],
          },
        },
      },
      {
        label: '0.5 for 1 step',
        set: {
          input: {
            pulses: [
              {
                start: 10,
                width: 1,
                amplitude: 0.5,
              },
            ],
          },
        },
      },
    ],
    panels: [
      {
        type: 'membrane',
        threshold: false,
      },
    ],
    controls: [
      {
        key: 'C',
        path: 'constructor.C',
        min: 0.0005,
        max: 0.005,
        step: 0.0005,
      },
    ],
  },
  'legacy-lapicque': {
    id: 'legacy-lapicque',
    title: "The original notebook's neuron: R = 5, C = 10, one unit per step",
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5,
        C: 10,
        threshold: 1,
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.21,
          start: 10,
        },
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'input current',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'amp',
        path: 'input.step.amplitude',
        label: 'Input current',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
      {
        key: 'thr',
        path: 'constructor.threshold',
        min: 0.1,
        max: 2,
        step: 0.05,
      },
    ],
  },
  'lapicque-fire': {
    id: 'lapicque-fire',
    title: 'A step current lifts the membrane past the threshold',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5.1,
        C: 0.005,
        time_step: 0.001,
        threshold: 1,
        reset_mechanism: 'subtract',
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.2,
          start: 10,
        },
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'input current',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'amp',
        path: 'input.step.amplitude',
        label: 'Input current',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
      {
        key: 'thr',
        path: 'constructor.threshold',
        min: 0.1,
        max: 2,
        step: 0.05,
      },
      {
        key: 'reset',
        path: 'constructor.reset_mechanism',
        options: ['subtract', 'zero', 'none'],
      },
    ],
  },
  'fi-curve': {
    id: 'fi-curve',
    title: 'Firing against input current: the F–I curves of three neurons',
    caption:
      'Each point is one run of 200 steps with the current on from the first step to the last; the core runs ' +
      'every current of the sweep for each neuron. A dashed line marks where each neuron starts to fire as far ' +
      'as the sweep can tell, the smallest swept current that gives a spike: the true rheobase lies between it ' +
      'and the swept current below it. The three neurons share β and θ. Lapicque keeps R = 5.1 and a 1 ms time ' +
      'step and takes its capacitance from β; Synaptic feeds the current through a synaptic current that decays ' +
      'with α = 0.9.',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.9,
        threshold: 1,
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0,
        },
      },
      sweep: {
        path: 'input.step.amplitude',
        values: [
          0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24,
          0.26, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42, 0.44, 0.46, 0.48, 0.5,
        ],
      },
    },
    variants: [
      {
        label: 'Lapicque (R = 5.1, Δt = 1 ms)',
        set: {
          model: 'Lapicque',
          'constructor.R': 5.1,
          'constructor.time_step': 0.001,
        },
      },
      {
        label: 'Leaky',
        set: {},
      },
      {
        label: 'Synaptic (α = 0.9)',
        set: {
          model: 'Synaptic',
          'constructor.alpha': 0.9,
        },
      },
    ],
    panels: [
      {
        type: 'fi-curve',
        xLabel: 'input current (the step amplitude)',
        xName: 'current',
        height: 280,
      },
    ],
    controls: [
      {
        key: 'beta',
        path: 'constructor.beta',
        min: 0.5,
        max: 0.99,
        step: 0.01,
      },
      {
        key: 'thr',
        path: 'constructor.threshold',
        min: 0.25,
        max: 2,
        step: 0.05,
      },
    ],
  },
  'lif-reset': {
    id: 'lif-reset',
    title: 'Uncontrolled spiking versus a reset',
    timeUnit: 'ms',
    scenario: {
      model: 'EulerLIF',
      constructor: {
        R: 5.1,
        C: 0.005,
        time_step: 0.001,
        threshold: 1,
        reset_mechanism: 'subtract',
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.2,
          start: 10,
        },
      },
    },
    variants: [
      {
        label: 'with reset',
        set: {},
      },
      {
        label: 'no reset',
        set: {
          'constructor.reset_mechanism': 'none',
        },
      },
    ],
    panels: [
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
        height: 110,
      },
    ],
    controls: [
      {
        key: 'amp',
        path: 'input.step.amplitude',
        label: 'Input current',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
    ],
  },
  'spike-input': {
    id: 'spike-input',
    title: 'A random spike train as input',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5.1,
        C: 0.005,
        time_step: 0.001,
        threshold: 0.5,
      },
      init: {
        mem: 0.5,
      },
      num_steps: 200,
      seed: 4,
      input: {
        rate: {
          p: 0.4,
        },
      },
    },
    panels: [
      {
        type: 'input-raster',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'p',
        path: 'input.rate.p',
        label: 'Input spike probability p',
        min: 0,
        max: 1,
        step: 0.05,
      },
      {
        key: 'seed',
        path: 'seed',
        label: 'Random seed',
        min: 0,
        max: 99,
        step: 1,
      },
    ],
  },
  'reset-compare': {
    id: 'reset-compare',
    title: 'Reset by subtraction versus reset to zero, on the same input',
    timeUnit: 'ms',
    scenario: {
      model: 'Lapicque',
      constructor: {
        R: 5.1,
        C: 0.005,
        time_step: 0.001,
        threshold: 0.5,
        reset_mechanism: 'subtract',
      },
      init: {
        mem: 0.5,
      },
      num_steps: 200,
      seed: 4,
      input: {
        rate: {
          p: 0.4,
        },
      },
    },
    variants: [
      {
        label: 'subtract',
        set: {},
      },
      {
        label: 'zero',
        set: {
          'constructor.reset_mechanism': 'zero',
        },
      },
    ],
    panels: [
      {
        type: 'input-raster',
        firstVariant: true,
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
        height: 110,
      },
    ],
    controls: [
      {
        key: 'p',
        path: 'input.rate.p',
        label: 'Input spike probability p',
        min: 0,
        max: 1,
        step: 0.05,
      },
    ],
  },
  synaptic: {
    id: 'synaptic',
    title: 'Synaptic current and membrane',
    scenario: {
      model: 'Synaptic',
      constructor: {
        alpha: 0.9,
        beta: 0.8,
        reset_mechanism: 'subtract',
      },
      num_steps: 200,
      input: {
        periodic: {
          period: 10,
          amplitude: 0.2,
        },
      },
    },
    panels: [
      {
        type: 'input-raster',
      },
      {
        type: 'state',
        array: 'syn',
        yLabel: 'synaptic current I_syn',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'alpha',
        path: 'constructor.alpha',
        min: 0,
        max: 0.99,
        step: 0.01,
      },
      {
        key: 'beta',
        path: 'constructor.beta',
        min: 0,
        max: 0.99,
        step: 0.01,
      },
      {
        key: 'amp',
        path: 'input.periodic.amplitude',
        label: 'Input weight',
        min: 0,
        max: 1,
        step: 0.05,
      },
    ],
  },
  leaky: {
    id: 'leaky',
    title: 'Leaky neuron with a step current',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.8,
      },
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.21,
          start: 10,
        },
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'input X',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'beta',
        path: 'constructor.beta',
        min: 0,
        max: 0.99,
        step: 0.01,
      },
      {
        key: 'amp',
        path: 'input.step.amplitude',
        label: 'Input X',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
    ],
  },
  'leaky-by-hand': {
    id: 'leaky-by-hand',
    title: 'The same neuron written by hand (spike taken before the update)',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.819,
        threshold: 1,
      },
      spike_timing: 'before_update',
      num_steps: 200,
      input: {
        step: {
          amplitude: 0.2,
          start: 10,
        },
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'weighted input w·x',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'beta',
        path: 'constructor.beta',
        min: 0,
        max: 0.99,
        step: 0.001,
      },
      {
        key: 'wx',
        path: 'input.step.amplitude',
        label: 'Weighted input w·x',
        min: 0,
        max: 0.5,
        step: 0.01,
      },
    ],
  },
  alpha: {
    id: 'alpha',
    title: 'Alpha neuron: excitatory and inhibitory currents',
    scenario: {
      model: 'Alpha',
      constructor: {
        alpha: 0.8,
        beta: 0.7,
        threshold: 0.5,
        reset_mechanism: 'zero',
      },
      num_steps: 200,
      input: {
        sum: [
          {
            pulses: [
              {
                start: 10,
                amplitude: 0.85,
              },
            ],
          },
          {
            periodic: {
              period: 10,
              start: 100,
              amplitude: 0.85,
            },
          },
        ],
      },
    },
    panels: [
      {
        type: 'input',
        yLabel: 'input X',
      },
      {
        type: 'state',
        array: 'syn_exc',
        yLabel: 'excitatory I_exc',
      },
      {
        type: 'state',
        array: 'syn_inh',
        yLabel: 'inhibitory I_inh',
      },
      {
        type: 'membrane',
      },
      {
        type: 'spikes',
      },
    ],
    controls: [
      {
        key: 'alpha',
        path: 'constructor.alpha',
        min: 0.71,
        max: 0.99,
        step: 0.01,
      },
      {
        key: 'beta',
        path: 'constructor.beta',
        min: 0,
        max: 0.79,
        step: 0.01,
      },
      {
        key: 'reset',
        path: 'constructor.reset_mechanism',
        options: ['zero', 'subtract', 'none'],
      },
    ],
  },
  network: {
    id: 'network',
    title: '784 → 1000 → 10 spiking network',
    animate: true,
    scenario: {
      layers: [
        {
          type: 'Linear',
          in: 784,
          out: 1000,
        },
        {
          type: 'Leaky',
          beta: 0.99,
        },
        {
          type: 'Linear',
          in: 1000,
          out: 10,
        },
        {
          type: 'Leaky',
          beta: 0.99,
        },
      ],
      num_steps: 200,
      batch_size: 1,
      seed: 7,
      input: {
        rate: {
          values: {
            uniform: [0, 0.1],
          },
        },
      },
      // The step inspector's numbers for the nine hidden neurons drawn and for every output neuron.
      record: ['cur1[0:9]', 'spk1', 'mem1[0:9]', 'cur2', 'spk2', 'mem2'],
    },
    panels: [
      {
        type: 'input-raster',
        yLabel: 'input (784)',
        height: 190,
      },
      {
        type: 'raster',
        array: 'spk1',
        yLabel: 'hidden (1000)',
      },
      {
        type: 'raster',
        array: 'spk2',
        yLabel: 'output (10)',
        height: 140,
      },
      {
        type: 'bars',
        array: 'spk2',
      },
      {
        type: 'multiples',
        array: 'mem1',
        yLabel: 'membrane U',
        height: 340,
      },
    ],
    controls: [
      {
        key: 'beta',
        path: 'layers.1.beta',
        label: 'Hidden layer: membrane decay β',
        min: 0.5,
        max: 0.999,
        step: 0.001,
      },
      {
        key: 'seed',
        path: 'seed',
        label: 'Random seed',
        min: 0,
        max: 99,
        step: 1,
      },
    ],
  },
  'rate-code': {
    id: 'rate-code',
    title: 'Rate coding: ten values from 0 to 0.9',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.5,
      },
      num_steps: 100,
      num_neurons: 10,
      seed: 1,
      input: {
        rate: {
          values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
          gain: 1,
          offset: 0,
          first_spike_time: 0,
        },
      },
    },
    panels: [
      {
        type: 'input-raster',
        yLabel: 'value encoded',
        rowValues: 'input.rate.values',
        height: 250,
      },
    ],
    controls: [
      {
        key: 'gain',
        path: 'input.rate.gain',
        label: 'Gain',
        min: 0,
        max: 2,
        step: 0.05,
      },
      {
        key: 'offset',
        path: 'input.rate.offset',
        label: 'Offset',
        min: -1,
        max: 1,
        step: 0.05,
      },
      {
        key: 'first',
        path: 'input.rate.first_spike_time',
        label: 'Silent until step (first_spike_time)',
        min: 0,
        max: 99,
        step: 1,
      },
      {
        key: 'seed',
        path: 'seed',
        label: 'Random seed',
        min: 0,
        max: 99,
        step: 1,
      },
    ],
  },
  'latency-code': {
    id: 'latency-code',
    title: 'Latency coding: larger values spike sooner',
    timeAxis: 'fit-spikes',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.5,
      },
      num_steps: 100,
      num_neurons: 10,
      input: {
        latency: {
          values: [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
          tau: 5,
          threshold: 0.01,
          linear: false,
          normalize: false,
          clip: false,
        },
      },
    },
    panels: [
      {
        type: 'input-raster',
        yLabel: 'value encoded',
        rowValues: 'input.latency.values',
        height: 250,
      },
    ],
    controls: [
      {
        key: 'tau',
        path: 'input.latency.tau',
        label: 'Time constant τ',
        min: 0.5,
        max: 20,
        step: 0.5,
      },
      {
        key: 'linear',
        path: 'input.latency.linear',
        label: 'Linear code (instead of log)',
        options: [false, true],
      },
      {
        key: 'normalize',
        path: 'input.latency.normalize',
        label: 'Stretch over all steps (normalize)',
        options: [false, true],
      },
      {
        key: 'thr',
        path: 'input.latency.threshold',
        label: 'Encoder threshold',
        min: 0.01,
        max: 0.5,
        step: 0.01,
      },
      {
        key: 'clip',
        path: 'input.latency.clip',
        label: 'Silence values under the threshold (clip)',
        options: [false, true],
      },
    ],
  },
  'delta-code': {
    id: 'delta-code',
    title: 'Delta modulation: spikes where the signal jumps',
    scenario: {
      model: 'Leaky',
      constructor: {
        beta: 0.5,
      },
      num_steps: 100,
      seed: 3,
      input: {
        delta: {
          threshold: 0.1,
          off_spike: true,
          padding: false,
          of: {
            sum: [
              {
                step: {
                  amplitude: 0.5,
                  start: 20,
                },
              },
              {
                step: {
                  amplitude: -0.8,
                  start: 60,
                },
              },
              {
                noise: {
                  low: 0,
                  high: 0.05,
                },
              },
            ],
          },
        },
      },
    },
    panels: [
      {
        type: 'signal',
        of: 'input.delta.of',
        yLabel: 'signal',
      },
      {
        type: 'input-raster',
        yLabel: 'delta spikes',
        signed: true,
        height: 110,
      },
    ],
    controls: [
      {
        key: 'thr',
        path: 'input.delta.threshold',
        label: 'Change threshold',
        min: 0.01,
        max: 1,
        step: 0.01,
      },
      {
        key: 'off',
        path: 'input.delta.off_spike',
        label: 'Off spikes (−1) where the signal falls',
        options: [true, false],
      },
      {
        key: 'padding',
        path: 'input.delta.padding',
        label: 'Compare the first step with itself (padding)',
        options: [false, true],
      },
    ],
  },
};
