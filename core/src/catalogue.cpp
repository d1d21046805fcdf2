// The catalogue's contents. Each entry says what the parser does with a field: its default is the one the
// parser uses, its bounds are the ones it enforces, and a keyword missing here cannot be read at all
// (detail::Fields refuses it). Prose is ours; names, defaults and behaviour are snnTorch 0.9.4's.
//
// Everything here is constexpr data: built by the compiler, no code runs to make it.
#include "snn/catalogue.hpp"

#include <cmath>

#include "json_write.hpp"
#include "snn/error.hpp"
#include "snn/float_math.hpp"
#include "snn/limits.hpp"

namespace snn {

namespace {

// Builds a FieldInfo one property at a time: Field("beta", FieldType::PerNeuron).required().means("...").
struct Field {
  FieldInfo f;
  constexpr Field(const char* name, FieldType type) : f() { f.name = name, f.type = type; }
  constexpr Field& def(const char* json) { return f.absent_kind = Absent::Default, f.default_json = json, *this; }
  constexpr Field& required() { return f.absent_kind = Absent::Required, *this; }
  constexpr Field& optional(const char* what) { return f.absent_kind = Absent::Optional, f.absent = what, *this; }
  constexpr Field& fromScenario(const char* what) { return f.absent_kind = Absent::FromScenario, f.absent = what, *this; }
  constexpr Field& atLeast(double v) { return f.min = {v, true, true}, *this; }
  constexpr Field& above(double v) { return f.min = {v, true, false}, *this; }
  constexpr Field& atMost(double v) { return f.max = {v, true, true}, *this; }
  constexpr Field& choices(Names c) { return f.choices = c, *this; }
  constexpr Field& rule(const char* r) { return f.rule = r, *this; }
  constexpr Field& label(const char* l) { return f.label = l, *this; }
  constexpr Field& means(const char* m) { return f.meaning = m, *this; }
  constexpr Field& inert() { return f.forward = false, *this; }
  constexpr Field& typical(double lo, double hi, double step) { return f.typical = {lo, hi, step, nullptr, true}, *this; }
  // A typical range up to the scenario's num_steps ("num_steps") or its last step ("num_steps-1").
  constexpr Field& typicalSteps(double lo, const char* max_from) { return f.typical = {lo, 0, 1, max_from, true}, *this; }
  constexpr Field& example(const char* json) { return f.example = json, *this; }
  constexpr operator FieldInfo() const { return f; }
};

constexpr double kSteps = static_cast<double>(limits::kMaxSteps);
constexpr double kNeurons = static_cast<double>(limits::kMaxNeurons);

constexpr const char* kResets[] = {"subtract", "zero", "none"};
constexpr const char* kResetsV02[] = {"subtract", "zero"};
constexpr const char* kOnlyFalse[] = {"false"};

// ------------------------------------------------------------------------------ shared keywords
constexpr FieldInfo threshold() {
  return Field("threshold", FieldType::PerNeuron)
      .def("1.0")
      .label("threshold θ")
      .means("a neuron spikes when its membrane is greater than this (strictly)")
      .typical(0.05, 5, 0.05);
}

constexpr FieldInfo resetMechanism(const char* default_json, Names choices = kResets) {
  return Field("reset_mechanism", FieldType::Choice)
      .def(default_json)
      .choices(choices)
      .label("reset mechanism")
      .means("after a spike: subtract the threshold, set to zero, or no reset");
}

constexpr FieldInfo resetDelay() {
  return Field("reset_delay", FieldType::Bool)
      .def("true")
      .label("reset delayed to the next step")
      .means("true: the reset applies on the step after the spike; false: on the spike's own step");
}

constexpr FieldInfo decay(const char* name, const char* label, const char* meaning, const char* example) {
  return Field(name, FieldType::PerNeuron)
      .required()
      .rule("clamped to [0, 1] at every step")
      .label(label)
      .means(meaning)
      .typical(0, 1, 0.001)
      .example(example);
}
constexpr FieldInfo kAlphaSyn = decay("alpha", "synaptic decay α", "decay of the synaptic current per step", "0.9");
constexpr FieldInfo kBetaMem = decay("beta", "membrane decay β", "decay of the membrane per step", "0.8");

// Keywords that change no forward value, and the two of which only false is supported.
constexpr FieldInfo kSpikeGrad = Field("spike_grad", FieldType::Surrogate)
                                     .def("null")
                                     .inert()
                                     .means("the surrogate gradient used in the backward pass; forward it is the step function");
constexpr FieldInfo kSurrogateDisable =
    Field("surrogate_disable", FieldType::Bool).def("false").inert().means("use the plain step function backward too");
constexpr FieldInfo kInitHidden =
    Field("init_hidden", FieldType::Bool).def("false").inert().means("keep the states inside the module and return only spikes");
constexpr FieldInfo kInhibition = Field("inhibition", FieldType::Bool)
                                      .def("false")
                                      .choices(kOnlyFalse)
                                      .inert()
                                      .rule("only false is supported (true lets only the strongest neuron of a batch row spike)")
                                      .means("winner-take-all firing per batch row");
constexpr FieldInfo kStateQuant = Field("state_quant", FieldType::Bool)
                                      .def("false")
                                      .choices(kOnlyFalse)
                                      .inert()
                                      .rule("only false is supported")
                                      .means("quantise the states after each update");
constexpr FieldInfo kOutput =
    Field("output", FieldType::Bool).def("false").inert().means("return the states as well when init_hidden is true");
constexpr FieldInfo learn(const char* name) {
  return Field(name, FieldType::Bool).def("false").inert().means("make this parameter learnable (gradients only)");
}

// Lapicque and the notebooks' Euler neuron: the RC circuit.
constexpr FieldInfo resistance(bool required) {
  Field r("R", FieldType::Number);
  if (required) r.required();
  else r.optional("derived from beta and C (R = 1 when beta is given alone)");
  return r.above(0).label("resistance R").means("membrane resistance (any unit; only R·C and R·input matter)").typical(1, 20, 0.1).example("5.1");
}
constexpr FieldInfo capacitance(bool required) {
  Field c("C", FieldType::Number);
  if (required) c.required();
  else c.optional("derived from beta and R: C = time_step / (R·ln(1/beta))");
  return c.above(0).label("capacitance C").means("membrane capacitance; τ = R·C").typical(0.001, 0.02, 0.0005).example("0.005");
}
constexpr FieldInfo kTimeStep = Field("time_step", FieldType::Number)
                                    .def("1")
                                    .above(0)
                                    .label("time step Δt")
                                    .means("the Euler step: each call advances the circuit by this much time")
                                    .typical(0.0001, 0.002, 0.0001)
                                    .example("0.001");

// ------------------------------------------------------------------------------------- models
constexpr FieldInfo kLapicqueKeywords[] = {
    Field("beta", FieldType::Number)
        .optional("derived from R and C (reported only; the update uses 1 − Δt/(R·C))")
        .above(0)
        .rule("one number (not per neuron); beta = 1 gives C = ∞ (the membrane holds), beta > 1 gives C < 0 (it grows)")
        .label("decay β")
        .means("the membrane's decay per step, from which C (and R) are derived")
        // Below e^-2 = 0.135 the Euler update 1 - ln(1/beta) is under -1: the membrane oscillates ever
        // wider until it overflows float32 (and the run is refused).
        .typical(0.14, 0.999, 0.001)
        .example("0.819"),
    resistance(false), capacitance(false), kTimeStep, threshold(), resetMechanism("\"subtract\""),
    kSpikeGrad, kSurrogateDisable, kInitHidden, kInhibition,
    Field("learn_beta", FieldType::Bool)
        .def("false")
        .inert()
        .rule("true only with beta alone: snnTorch 0.9.4 cannot build Lapicque(learn_beta=True) with R or C")
        .means("make beta learnable (gradients only)"),
    learn("learn_threshold"), kStateQuant, kOutput,
};
constexpr const char* kFormBeta[] = {"beta"};
constexpr const char* kFormRC[] = {"R", "C"};
constexpr const char* kFormBetaR[] = {"beta", "R"};
constexpr const char* kFormBetaC[] = {"beta", "C"};
constexpr Names kLapicqueForms[] = {kFormBeta, kFormRC, kFormBetaR, kFormBetaC};
constexpr const char* kLapicqueRules[] = {"give beta, or R and C, or beta with one of R and C (not all three)",
                                          "R·C must be finite (but for beta = 1)"};

constexpr FieldInfo kLeakyKeywords[] = {
    kBetaMem, threshold(), resetMechanism("\"subtract\""), resetDelay(),
    Field("graded_spikes_factor", FieldType::PerNeuron)
        .def("1.0")
        .rule("non-zero in float32 when reset_delay is false (spikes are then divided by it)")
        .label("spike height (graded spikes factor)")
        .means("the value a spike carries instead of 1")
        .typical(0.1, 5, 0.1),
    kSpikeGrad, kSurrogateDisable, kInitHidden, kInhibition, learn("learn_beta"), learn("learn_threshold"),
    learn("learn_graded_spikes_factor"), kStateQuant, kOutput,
};

constexpr FieldInfo kSynapticKeywords[] = {
    kAlphaSyn, kBetaMem, threshold(), resetMechanism("\"subtract\""), resetDelay(),
    kSpikeGrad, kSurrogateDisable, kInitHidden, kInhibition, learn("learn_alpha"), learn("learn_beta"), learn("learn_threshold"),
    kStateQuant, kOutput,
};

constexpr FieldInfo kAlphaKeywords[] = {
    Field("alpha", FieldType::PerNeuron)
        .required()
        .rule("clamped to [0, 1]; must be greater than beta")
        .label("excitatory decay α")
        .means("decay of the excitatory current per step")
        .typical(0.71, 0.999, 0.001)
        .example("0.8"),
    Field("beta", FieldType::PerNeuron)
        .required()
        .rule("clamped to [0, 1]; must be less than alpha and not 1")
        .label("inhibitory decay β")
        .means("decay of the inhibitory current per step")
        .typical(0, 0.7, 0.001)
        .example("0.7"),
    threshold(), resetMechanism("\"zero\""),
    kSpikeGrad, kSurrogateDisable, kInitHidden, kInhibition,
    Field("learn_alpha", FieldType::Bool)
        .def("false")
        .choices(kOnlyFalse)
        .inert()
        .rule("only false: snnTorch 0.9.4's Alpha(learn_alpha=True) raises a TypeError")
        .means("make alpha learnable (gradients only)"),
    learn("learn_beta"), learn("learn_threshold"), kStateQuant, kOutput,
};
constexpr const char* kAlphaRules[] = {"alpha (clamped to [0, 1]) must be greater than beta", "beta must not be 1",
                                       "the typical ranges never meet, so no pair of positions breaks the rule"};

constexpr FieldInfo kEulerKeywords[] = {resistance(true), capacitance(true), kTimeStep, threshold(), resetMechanism("\"none\"")};
constexpr const char* kEulerRules[] = {"time_step/(R·C) must be a finite positive float32"};

constexpr FieldInfo kSteinV02Keywords[] = {kAlphaSyn, kBetaMem, threshold(), resetMechanism("\"subtract\""), kSpikeGrad, kInhibition};

constexpr FieldInfo kSrm0V02Keywords[] = {
    Field("alpha", FieldType::PerNeuron)
        .required()
        .atMost(1)
        .label("excitatory decay α")
        .means("decay of the excitatory current")
        .typical(0.71, 0.999, 0.001)
        .example("0.8"),
    Field("beta", FieldType::PerNeuron)
        .required()
        .above(0)
        .label("inhibitory decay β")
        .means("decay of the inhibitory current")
        .typical(0.001, 0.7, 0.001)
        .example("0.7"),
    threshold(), resetMechanism("\"subtract\"", kResetsV02), kSpikeGrad, kInhibition,
};
constexpr const char* kSrm0V02Rules[] = {"0 < beta < alpha <= 1 (no clamping before the logarithms)", "beta must not be 1"};

constexpr const char* kMem[] = {"mem"};
constexpr const char* kSynMem[] = {"syn", "mem"};
constexpr const char* kAlphaStates[] = {"syn_exc", "syn_inh", "mem"};
constexpr const char* kSrm0V02States[] = {"syn_pre", "syn_post", "mem"};
constexpr const char* kStein[] = {"Stein"};
constexpr const char* kSrm0[] = {"SRM0"};

// ------------------------------------------------------------------------------ update equations
// The templates of catalogue.hpp's ModelEquations. The snnTorch lines are the operations of neurons.cpp in
// their order (test_catalogue.cpp evaluates them in float32 on every model's trace); "mem" on the right is
// the membrane the step began with, as in snnTorch's code, and a value inside the step is spelled as the
// variable snnTorch keeps it in. The tutorial's lines use its symbols: the step computes t+1 from t.
using TS = TermSource;
constexpr EquationTerm kMemNow{"mem", TS::State, "mem", "mem", "U[t+1]"};
constexpr EquationTerm kMemPrev{"mem_prev", TS::Previous, "mem", "mem", "U[t]"};
constexpr EquationTerm kInputNow{"input", TS::Input, nullptr, "input_", "I_in[t+1]"};
constexpr EquationTerm kThresholdTerm{"threshold", TS::Keyword, "threshold", "threshold", "U_thr"};
constexpr EquationTerm kResetTerm{"reset", TS::Reset, "mem", "reset", "R"};
constexpr EquationTerm kSpikeTerm{"spk", TS::Spike, nullptr, "spk", "S_out[t+1]"};
constexpr EquationTerm kBetaTerm{"beta", TS::Keyword, "beta", "beta", "β"};
constexpr EquationTerm kAlphaTerm{"alpha", TS::Keyword, "alpha", "alpha", "α"};
constexpr EquationTerm kBaseTerm{"base", TS::Inside, "mem", "mem", "U'[t+1]"};
// Before reset_delay=False's correction: it equals no state, whatever the reset flag.
constexpr EquationTerm kBaseOff{"base", TS::Inside, nullptr, "mem", "U'[t+1]"};
// The RC circuits write R for the resistance: their reset is the previous step's spike.
constexpr EquationTerm kCircuitReset{"reset", TS::Reset, "mem", "reset", "S_out[t]"};
constexpr EquationTerm kRTerm{"R", TS::Keyword, "R", "R", "R"};
constexpr EquationTerm kCTerm{"C", TS::Keyword, "C", "C", "C"};
constexpr EquationTerm kDtTerm{"time_step", TS::Keyword, "time_step", "time_step", "Δt"};

constexpr EquationLine kResetLine{"{reset} = heaviside({mem_prev} - {threshold})", "{reset} = H({mem_prev} − {threshold})"};
constexpr EquationLine kSpikeAfter{"{spk} = heaviside({mem} - {threshold})", "{spk} = H({mem} − {threshold})"};
constexpr EquationLine kSpikeBefore{"{spk} = heaviside({mem_prev} - {threshold})", "{spk} = H({mem_prev} − {threshold})"};
constexpr EquationLine kNoLine{nullptr, nullptr};
constexpr const char* kSubtracts = "the threshold is subtracted from the membrane";
constexpr const char* kAtOnce = "the threshold is subtracted, and a spike this step takes its reset at once (reset_delay=False)";
constexpr const char* kZeroesAtOnce = "the membrane is set to 0, and a spike this step takes its reset at once (reset_delay=False)";
constexpr const char* kNoReset = "no reset: the membrane keeps its value";

// The correction reset_delay=False adds (spk/g = H(base − θ) exactly, so g drops out).
constexpr EquationLine kSubtractAtOnce{"{mem} = {base} - (heaviside({base} - {threshold}) - {reset})*{threshold}",
                                       "{mem} = {base} − (H({base} − {threshold}) − {reset}) {threshold}"};
constexpr EquationLine kZeroAtOnce{"{mem} = {base} - (heaviside({base} - {threshold}) - {reset})*{base}",
                                   "{mem} = {base} − (H({base} − {threshold}) − {reset}) {base}"};

constexpr EquationTerm kLeakyTerms[] = {kMemNow, kMemPrev, kInputNow, kBetaTerm, kThresholdTerm, kResetTerm, kSpikeTerm,
                                        {"g", TS::Keyword, "graded_spikes_factor", "graded_spikes_factor", "g"}, kBaseOff};
constexpr EquationLine kLeakySubtractOff[] = {
    {"{base} = {beta}*{mem_prev} + {input} - {reset}*{threshold}", "{base} = {beta}{mem_prev} + {input} − {reset} {threshold}"}, kSubtractAtOnce};
constexpr EquationLine kLeakyZeroOff[] = {
    {"{base} = {beta}*((1 - {reset})*{mem_prev}) + {input}", "{base} = {beta}(1 − {reset}){mem_prev} + {input}"}, kZeroAtOnce};
constexpr EquationLine kLeakySubtract[] = {
    {"{mem} = {beta}*{mem_prev} + {input} - {reset}*{threshold}", "{mem} = {beta}{mem_prev} + {input} − {reset} {threshold}"}};
constexpr EquationLine kLeakyZero[] = {{"{mem} = {beta}*((1 - {reset})*{mem_prev}) + {input}", "{mem} = {beta}(1 − {reset}){mem_prev} + {input}"}};
constexpr EquationLine kLeakyNone[] = {{"{mem} = {beta}*{mem_prev} + {input}", "{mem} = {beta}{mem_prev} + {input}"}};
constexpr EquationLine kLeakySpikeOff{"{spk} = heaviside({base} - {threshold})*{g}", "{spk} = {g} H({base} − {threshold})"};
// The cases of a model with reset_delay (Leaky, Synaptic), reset_delay=False's first: the lines
// k<Model>SubtractOff, ZeroOff, Subtract, Zero and None, the spike line of the False cases, and what zero does.
#define SNN_DELAYED_CASES(model, spike_off, zero_branch)                           \
  {"subtract", DelayCase::Off, model##SubtractOff, kAtOnce, spike_off},            \
  {"zero", DelayCase::Off, model##ZeroOff, kZeroesAtOnce, spike_off},              \
  {"subtract", DelayCase::Any, model##Subtract, kSubtracts, kNoLine},              \
  {"zero", DelayCase::Any, model##Zero, zero_branch, kNoLine},                     \
  {"none", DelayCase::Any, model##None, kNoReset, kNoLine}
constexpr EquationCase kLeakyCases[] = {
    SNN_DELAYED_CASES(kLeaky, kLeakySpikeOff, "the membrane the step began with is set to 0 before it decays")};
constexpr ModelEquations kLeakyEquations{
    kLeakyTerms, kResetLine, {}, kLeakyCases,
    {"{spk} = heaviside({mem} - {threshold})*{g}", "{spk} = {g} H({mem} − {threshold})"},
    {"{spk} = heaviside({mem_prev} - {threshold})*{g}", "{spk} = {g} H({mem_prev} − {threshold})"}};

constexpr EquationTerm kSynapticTerms[] = {kMemNow, kMemPrev, kInputNow, kAlphaTerm, kBetaTerm, kThresholdTerm, kResetTerm, kSpikeTerm,
                                           {"syn", TS::State, "syn", "syn", "I_syn[t+1]"},
                                           {"syn_prev", TS::Previous, "syn", "syn", "I_syn[t]"}, kBaseOff};
constexpr EquationLine kSynapticCommon[] = {{"{syn} = {alpha}*{syn_prev} + {input}", "{syn} = {alpha}{syn_prev} + {input}"}};
constexpr EquationLine kSynapticSubtractOff[] = {
    {"{base} = {beta}*{mem_prev} + {syn} - {reset}*{threshold}", "{base} = {beta}{mem_prev} + {syn} − {reset} {threshold}"}, kSubtractAtOnce};
constexpr EquationLine kSynapticZeroOff[] = {
    {"{base} = ({beta}*{mem_prev} + {syn}) - ({beta}*{mem_prev} + {syn})*{reset}", "{base} = ({beta}{mem_prev} + {syn})(1 − {reset})"},
    kZeroAtOnce};
constexpr EquationLine kSynapticSubtract[] = {
    {"{mem} = {beta}*{mem_prev} + {syn} - {reset}*{threshold}", "{mem} = {beta}{mem_prev} + {syn} − {reset} {threshold}"}};
constexpr EquationLine kSynapticZero[] = {
    {"{mem} = ({beta}*{mem_prev} + {syn}) - ({beta}*{mem_prev} + {syn})*{reset}", "{mem} = ({beta}{mem_prev} + {syn})(1 − {reset})"}};
constexpr EquationLine kSynapticNone[] = {{"{mem} = {beta}*{mem_prev} + {syn}", "{mem} = {beta}{mem_prev} + {syn}"}};
constexpr EquationLine kSpikeOff{"{spk} = heaviside({base} - {threshold})", "{spk} = H({base} − {threshold})"};
constexpr EquationCase kSynapticCases[] = {
    SNN_DELAYED_CASES(kSynaptic, kSpikeOff, "the membrane is set to 0 (the synaptic current is not reset)")};
#undef SNN_DELAYED_CASES
constexpr ModelEquations kSynapticEquations{kSynapticTerms, kResetLine, kSynapticCommon, kSynapticCases, kSpikeAfter, kSpikeBefore};

// Lapicque: snnTorch's ((input·R)·(1/(R·C)))·Δt + (1 − Δt/(R·C))·mem; beta only reports the decay.
constexpr EquationTerm kLapicqueTerms[] = {kMemNow, kMemPrev, kInputNow, kRTerm, kCTerm, kDtTerm, kThresholdTerm, kCircuitReset,
                                           kSpikeTerm, kBaseTerm};
#define SNN_LAPICQUE_BASE "{input}*{R}*(1/({R}*{C}))*{time_step} + (1 - {time_step}/({R}*{C}))*{mem_prev}"
#define SNN_LAPICQUE_TUTORIAL "(1 − {time_step}/({R}{C})){mem_prev} + ({time_step}/({R}{C})){input}{R}"
constexpr EquationLine kLapicqueSubtract[] = {
    {"{mem} = " SNN_LAPICQUE_BASE " - {reset}*{threshold}", "{mem} = " SNN_LAPICQUE_TUTORIAL " − {reset} {threshold}"}};
constexpr EquationLine kLapicqueZero[] = {{"{base} = " SNN_LAPICQUE_BASE, "{base} = " SNN_LAPICQUE_TUTORIAL},
                                          {"{mem} = {base} - {reset}*{base}", "{mem} = (1 − {reset}){base}"}};
constexpr EquationLine kLapicqueNone[] = {{"{mem} = " SNN_LAPICQUE_BASE, "{mem} = " SNN_LAPICQUE_TUTORIAL}};
#undef SNN_LAPICQUE_BASE
#undef SNN_LAPICQUE_TUTORIAL
constexpr const char* kZeroes = "the membrane is set to 0";
constexpr EquationCase kLapicqueCases[] = {
    {"subtract", DelayCase::Any, kLapicqueSubtract, kSubtracts, kNoLine},
    {"zero", DelayCase::Any, kLapicqueZero, kZeroes, kNoLine},
    {"none", DelayCase::Any, kLapicqueNone, kNoReset, kNoLine},
};
constexpr ModelEquations kLapicqueEquations{kLapicqueTerms, kResetLine, {}, kLapicqueCases, kSpikeAfter, kSpikeBefore};

// The notebook's hand-written neuron (its Δt/(R·C) is computed in double, then rounded to float32).
constexpr EquationTerm kEulerTerms[] = {kMemNow, kMemPrev, {"input", TS::Input, nullptr, "cur", "I_in[t+1]"}, kRTerm, kCTerm, kDtTerm,
                                        kThresholdTerm, kCircuitReset, kSpikeTerm, kBaseTerm};
#define SNN_EULER_BASE "{mem_prev} + ({time_step}/({R}*{C}))*(-{mem_prev} + {input}*{R})"
#define SNN_EULER_TUTORIAL "{mem_prev} + ({time_step}/({R}{C}))(−{mem_prev} + {input}{R})"
constexpr EquationLine kEulerSubtract[] = {{"{mem} = " SNN_EULER_BASE " - {reset}*{threshold}", "{mem} = " SNN_EULER_TUTORIAL " − {reset} {threshold}"}};
constexpr EquationLine kEulerZero[] = {{"{base} = " SNN_EULER_BASE, "{base} = " SNN_EULER_TUTORIAL},
                                       {"{mem} = {base} - {reset}*{base}", "{mem} = (1 − {reset}){base}"}};
constexpr EquationLine kEulerNone[] = {{"{mem} = " SNN_EULER_BASE, "{mem} = " SNN_EULER_TUTORIAL}};
#undef SNN_EULER_BASE
#undef SNN_EULER_TUTORIAL
constexpr EquationCase kEulerCases[] = {
    {"subtract", DelayCase::Any, kEulerSubtract, kSubtracts, kNoLine},
    {"zero", DelayCase::Any, kEulerZero, kZeroes, kNoLine},
    {"none", DelayCase::Any, kEulerNone, kNoReset, kNoLine},
};
constexpr ModelEquations kEulerEquations{kEulerTerms, kResetLine, {}, kEulerCases, kSpikeAfter, kSpikeBefore};

// Alpha: the currents before their reset are kept in syn_exc and syn_inh, and the membrane in mem.
constexpr EquationTerm kAlphaTerms[] = {
    kMemNow, kMemPrev, kInputNow, kAlphaTerm, kBetaTerm, kThresholdTerm, kResetTerm, kSpikeTerm, kBaseTerm,
    {"syn_exc", TS::State, "syn_exc", "syn_exc", "I_exc[t+1]"},
    {"syn_exc_prev", TS::Previous, "syn_exc", "syn_exc", "I_exc[t]"},
    {"syn_inh", TS::State, "syn_inh", "syn_inh", "I_inh[t+1]"},
    {"syn_inh_prev", TS::Previous, "syn_inh", "syn_inh", "I_inh[t]"},
    {"exc", TS::Inside, "syn_exc", "syn_exc", "I_exc'[t+1]"},
    {"inh", TS::Inside, "syn_inh", "syn_inh", "I_inh'[t+1]"},
    {"tau", TS::Derived, "ln(alpha)/(ln(beta) - ln(alpha)) + 1, alpha and beta clamped to [0, 1], in float32", "tau_alpha", "τ_α"},
};
constexpr EquationLine kAlphaCommon[] = {
    {"{exc} = {alpha}*{syn_exc_prev} + {input}", "{exc} = {alpha}{syn_exc_prev} + {input}"},
    {"{inh} = {beta}*{syn_inh_prev} - {input}", "{inh} = {beta}{syn_inh_prev} − {input}"},
    {"{base} = {tau}*({exc} + {inh})", "{base} = {tau}({exc} + {inh})"}};
constexpr EquationLine kAlphaZero[] = {{"{syn_exc} = {exc} - {exc}*{reset}", "{syn_exc} = (1 − {reset}){exc}"},
                                       {"{syn_inh} = {inh} - {inh}*{reset}", "{syn_inh} = (1 − {reset}){inh}"},
                                       {"{mem} = {base} - {base}*{reset}", "{mem} = (1 − {reset}){base}"}};
constexpr EquationLine kAlphaSubtract[] = {{"{syn_exc} = {exc} - {threshold}*{reset}", "{syn_exc} = {exc} − {reset} {threshold}"},
                                           {"{syn_inh} = {inh} - {inh}*{reset}", "{syn_inh} = (1 − {reset}){inh}"},
                                           {"{mem} = {base} - (-{syn_inh_prev})*{reset}", "{mem} = {base} + {reset} {syn_inh_prev}"}};
constexpr EquationLine kAlphaNone[] = {{"{syn_exc} = {exc}", "{syn_exc} = {exc}"}, {"{syn_inh} = {inh}", "{syn_inh} = {inh}"},
                                       {"{mem} = {base}", "{mem} = {base}"}};
constexpr EquationCase kAlphaCases[] = {
    {"zero", DelayCase::Any, kAlphaZero, "both currents and the membrane are set to 0", kNoLine},
    {"subtract", DelayCase::Any, kAlphaSubtract,
     "the threshold is taken from the excitatory current, the inhibitory one is set to 0 and the membrane gains back the inhibitory current of the step before",
     kNoLine},
    {"none", DelayCase::Any, kAlphaNone, kNoReset, kNoLine},
};
constexpr ModelEquations kAlphaEquations{kAlphaTerms, kResetLine, kAlphaCommon, kAlphaCases, kSpikeAfter, kSpikeBefore};

// SRM0 as v0.2.11: both currents are zeroed on reset; subtract adds a residual no trace keeps.
constexpr EquationTerm kSrm0Terms[] = {
    kMemNow, kMemPrev, kInputNow, kAlphaTerm, kBetaTerm, kThresholdTerm, kResetTerm, kSpikeTerm,
    {"syn_pre", TS::State, "syn_pre", "syn_pre", "I_pre[t+1]"},
    {"syn_pre_prev", TS::Previous, "syn_pre", "syn_pre", "I_pre[t]"},
    {"syn_post", TS::State, "syn_post", "syn_post", "I_post[t+1]"},
    {"syn_post_prev", TS::Previous, "syn_post", "syn_post", "I_post[t]"},
    {"resid", TS::Inside, nullptr, "resid", "ρ[t+1]"},
    {"resid_prev", TS::Inside, nullptr, "resid", "ρ[t]"},
    {"tau", TS::Derived, "ln(alpha)/(ln(beta) - ln(alpha)) + 1 in double, rounded to float32", "tau_srm", "τ"},
};
constexpr EquationLine kSrm0Common[] = {
    {"{syn_pre} = ({alpha}*{syn_pre_prev} + {input}) - {reset}*({alpha}*{syn_pre_prev} + {input})",
     "{syn_pre} = (1 − {reset})({alpha}{syn_pre_prev} + {input})"},
    {"{syn_post} = ({beta}*{syn_post_prev} - {input}) - {reset}*({beta}*{syn_post_prev} - {input})",
     "{syn_post} = (1 − {reset})({beta}{syn_post_prev} − {input})"}};
constexpr EquationLine kSrm0Subtract[] = {
    {"{resid} = {reset}*({mem_prev} - {threshold}) + {resid_prev}/{tau}", "{resid} = {reset}({mem_prev} − {threshold}) + {resid_prev}/{tau}"},
    {"{mem} = {tau}*({syn_pre} + {syn_post}) + {resid}", "{mem} = {tau}({syn_pre} + {syn_post}) + {resid}"}};
constexpr EquationLine kSrm0Zero[] = {{"{mem} = {tau}*({syn_pre} + {syn_post})", "{mem} = {tau}({syn_pre} + {syn_post})"}};
constexpr EquationCase kSrm0Cases[] = {
    {"subtract", DelayCase::Any, kSrm0Subtract, "both currents are set to 0 and the membrane keeps a decaying residual of its overshoot", kNoLine},
    {"zero", DelayCase::Any, kSrm0Zero, "both currents, and with them the membrane, are set to 0", kNoLine},
};
// v0.2.11 reads the spike from the membrane passed in, whatever spike_timing says.
constexpr ModelEquations kSrm0Equations{kSrm0Terms, kResetLine, kSrm0Common, kSrm0Cases, kSpikeBefore, kSpikeBefore};

constexpr const char* kLapicqueUpdate = "U = ((X·R)·(1/(R·C)))·Δt + (1 − Δt/(R·C))·U_prev − reset; spike when U > θ";
constexpr const char* kSynapticUpdate = "I = α·I_prev + X; U = β·U_prev + I − reset·θ; spike when U > θ";
constexpr const char* kV02 = "as snnTorch v0.2.11 computed it (the March 2021 notebook); spikes show one row later";

constexpr ModelInfo kModels[] = {
    {"Lapicque", {}, ModelKind::Lapicque, SpikeTiming::AfterUpdate, false, "snntorch.Lapicque", "Lapicque (RC circuit)",
     "Lapicque's RC membrane stepped with forward Euler", kLapicqueUpdate, kMem, kLapicqueKeywords, kLapicqueForms,
     kLapicqueRules, &kLapicqueEquations},
    {"Leaky", {}, ModelKind::Leaky, SpikeTiming::AfterUpdate, false, "snntorch.Leaky", "Leaky (first order)",
     "the first-order leaky integrate-and-fire neuron", "U = β·U_prev + X − reset·θ; spike S = g·(U > θ)", kMem,
     kLeakyKeywords, {}, {}, &kLeakyEquations},
    {"Synaptic", kStein, ModelKind::Synaptic, SpikeTiming::AfterUpdate, false, "snntorch.Synaptic",
     "Synaptic (Stein, second order)", "a synaptic current that decays by α feeds a leaky membrane that decays by β",
     kSynapticUpdate, kSynMem, kSynapticKeywords, {}, {}, &kSynapticEquations},
    {"Alpha", kSrm0, ModelKind::Alpha, SpikeTiming::AfterUpdate, false, "snntorch.Alpha", "Alpha (SRM0)",
     "excitatory and inhibitory currents whose difference is an alpha-shaped response",
     "E = α·E_prev + X; Q = β·Q_prev − X; U = τα·(E + Q) with τα = ln(α)/(ln(β) − ln(α)) + 1", kAlphaStates,
     kAlphaKeywords, {}, kAlphaRules, &kAlphaEquations},
    {"EulerLIF", {}, ModelKind::EulerLIF, SpikeTiming::BeforeUpdate, false, nullptr, "Hand-written LIF (the notebook's)",
     "the tutorial notebook's own forward-Euler neuron (not an snnTorch class)",
     "U = U_prev + (Δt/(R·C))·(−U_prev + X·R) − reset, Δt/(R·C) computed in double; spike from U_prev", kMem,
     kEulerKeywords, {}, kEulerRules, &kEulerEquations},
    {"Lapicque(v0.2.11)", {}, ModelKind::Lapicque, SpikeTiming::BeforeUpdate, true, "snntorch.Lapicque",
     "Lapicque (v0.2.11)", kV02, kLapicqueUpdate, kMem, kLapicqueKeywords, kLapicqueForms, kLapicqueRules, &kLapicqueEquations},
    {"Stein(v0.2.11)", {}, ModelKind::Synaptic, SpikeTiming::BeforeUpdate, true, "snntorch.Stein", "Stein (v0.2.11)", kV02,
     kSynapticUpdate, kSynMem, kSteinV02Keywords, {}, {}, &kSynapticEquations},
    {"SRM0(v0.2.11)", {}, ModelKind::Srm0V02, SpikeTiming::BeforeUpdate, true, "snntorch.SRM0", "SRM0 (v0.2.11)", kV02,
     "as Alpha, with logarithms in double and a subtract reset that leaves a decaying residual", kSrm0V02States,
     kSrm0V02Keywords, {}, kSrm0V02Rules, &kSrm0Equations},
};

// --------------------------------------------------------------------------------- generators
constexpr FieldInfo kSeed = Field("seed", FieldType::Seed).fromScenario("the scenario's seed").means("the seed of these draws");
constexpr FieldInfo kStream =
    Field("stream", FieldType::Seed)
        .fromScenario("numbered from 1 in the order random draws are met in the input")
        .means("the PCG32 stream of these draws (a given stream still takes its number in the order)");
constexpr Field stepIndex(const char* name, const char* label, const char* meaning) {
  return Field(name, FieldType::Count).def("0").atLeast(0).atMost(kSteps).label(label).means(meaning).typicalSteps(0, "num_steps");
}
constexpr FieldInfo kStop = Field("stop", FieldType::Count)
                                .fromScenario("num_steps")
                                .atLeast(0)
                                .atMost(kSteps)
                                .label("ends at step")
                                .means("the first row after the input ends")
                                .typicalSteps(0, "num_steps");
constexpr Field flag(const char* name, const char* label, const char* meaning) {
  return Field(name, FieldType::Bool).def("false").label(label).means(meaning);
}
constexpr Field number(const char* name, const char* default_json, const char* label, const char* meaning) {
  return Field(name, FieldType::Number).def(default_json).label(label).means(meaning);
}
constexpr Field current(const char* name, const char* label, const char* meaning) {
  return Field(name, FieldType::Values).label(label).means(meaning).typical(-1, 2, 0.01);
}

constexpr FieldInfo kConstant[] = {current("value", "current", "the value fed at every step").required().example("0.3")};
constexpr FieldInfo kStep[] = {current("amplitude", "current", "the value on rows start <= t < stop").required().example("0.3"),
                               stepIndex("start", "starts at step", "the first row of the step").example("10"), kStop};
constexpr FieldInfo kPulses[] = {
    Field("start", FieldType::Count).required().atLeast(0).atMost(kSteps).label("starts at step").means("the pulse's first row").typicalSteps(0, "num_steps").example("10"),
    Field("width", FieldType::Count).def("1").atLeast(1).atMost(kSteps).label("pulse width (steps)").means("rows the pulse lasts").typicalSteps(1, "num_steps").example("5"),
    current("amplitude", "pulse height", "the pulse's value").def("1").typical(-1, 3, 0.01).example("0.5")};
constexpr FieldInfo kPeriodic[] = {
    current("amplitude", "spike weight", "the value at each period").def("1").typical(-1, 3, 0.01).example("0.5"),
    Field("period", FieldType::Count).required().atLeast(1).atMost(kSteps).label("period (steps)").means("rows from one value to the next").typical(1, 100, 1).example("10"),
    stepIndex("start", "first spike at step", "the row of the first value"), kStop};
constexpr FieldInfo kSine[] = {
    current("amplitude", "sine amplitude", "the sine's peak above the offset").required().example("0.5"),
    Field("period", FieldType::Number)
        .required()
        .above(0)
        .label("period (steps)")
        .means("rows per cycle (need not be whole)")
        .typical(2, 200, 1)
        .example("40"),
    number("phase", "0", "phase (cycles)", "where in its cycle the sine starts, in periods (0.25: at its peak)").typical(0, 1, 0.01),
    current("offset", "offset", "a constant added while the sine is on").def("0"),
    stepIndex("start", "starts at step", "the first row of the sine"), kStop};
constexpr FieldInfo kRamp[] = {
    current("from", "ramp from", "the value up to row start").def("0"),
    current("to", "ramp to", "the value from row stop on").required().example("1"),
    stepIndex("start", "rises from step", "the last row at from").typicalSteps(0, "num_steps-1"),
    Field("stop", FieldType::Count)
        .fromScenario("num_steps - 1 (the last row)")
        .atLeast(0)
        .atMost(kSteps)
        .label("reaches its end at step")
        .means("the first row at to")
        .typicalSteps(0, "num_steps-1")};
constexpr FieldInfo kNoise[] = {number("low", "0", "noise from", "the lowest value").typical(-1, 0, 0.01),
                                number("high", "1", "noise up to", "the highest value (exclusive)").typical(0, 2, 0.01).example("0.5"),
                                kSeed, kStream};
constexpr FieldInfo kRate[] = {
    Field("values", FieldType::Values).optional("give values, p or of").means("firing probability per element (clamped to [0, 1] after gain and offset)"),
    Field("p", FieldType::Values).optional("give values, p or of").label("spike probability p").means("the same as values").typical(0, 1, 0.01).example("0.3"),
    Field("of", FieldType::Input).optional("give values, p or of").means("a time-varying input: each row's values are the probabilities"),
    number("gain", "1", "gain", "probabilities are multiplied by this").typical(0, 4, 0.05),
    number("offset", "0", "offset", "then this is added").typical(-1, 1, 0.01),
    Field("first_spike_time", FieldType::Count).def("0").atLeast(0).rule("less than num_steps").label("silent until step").means("rows before it stay silent").typicalSteps(0, "num_steps-1"),
    number("amplitude", "1", "spike weight", "the value a spike carries").typical(-1, 3, 0.01).example("0.5"),
    kSeed,
    kStream};
constexpr FieldInfo kLatency[] = {
    Field("values", FieldType::Values).required().label("encoded value").means("the values to encode, in [0, 1]").typical(0, 1, 0.01).example("0.5"),
    number("tau", "1", "time constant τ", "the RC time constant of the code (steps)").typical(0.5, 50, 0.5).example("5"),
    number("threshold", "0.01", "encoder threshold", "values below it never spike (or spike last)").typical(0.005, 0.9, 0.005),
    number("first_spike_time", "0", "earliest spike at step", "the earliest row a spike can take").typicalSteps(0, "num_steps-1"),
    number("on_target", "1", "spike weight (on_target)", "the value of a spike").typical(-1, 3, 0.01),
    number("off_target", "0", "value without a spike (off_target)", "the value everywhere else"),
    flag("clip", "clip values below the threshold", "values below the threshold give no spike at all"),
    flag("normalize", "normalize to the steps", "spread the spike times over all the steps"),
    flag("linear", "linear code", "spike times fall linearly with the value instead of logarithmically"),
    flag("bypass", "drop spikes past the last step", "drop spikes that would land after the last step"),
    number("epsilon", "1e-7", "epsilon", "keeps the logarithm finite near the threshold")};
constexpr FieldInfo kDelta[] = {Field("of", FieldType::Input).required().means("the input whose changes are encoded"),
                                number("threshold", "0.1", "change threshold", "the change that makes a spike").typical(0.01, 1, 0.01),
                                flag("padding", "padding (no spike at step 0)", "compare row 0 with itself instead of with 0"),
                                flag("off_spike", "off spikes (−1) too", "also a −1 spike where the input falls by the threshold or more")};

constexpr const char* kStartStop[] = {"start <= stop"};
constexpr const char* kPulsesRules[] = {"the generator's value is a list of pulses, each an object of these fields"};
constexpr const char* kLowHigh[] = {"low <= high"};
constexpr const char* kRateRules[] = {"exactly one of values, p and of", "first_spike_time < num_steps"};
constexpr const char* kLatencyRules[] = {"values must lie in [0, 1]"};
constexpr const char* kSumRules[] = {"the generator's value is a non-empty list of inputs"};
constexpr const char* kSineRules[] = {
    "start <= stop; 0 outside", "in float32: offset + amplitude·s, s = sin(2π((t − start)/period + phase)) in double (sin_turns) rounded to float32"};
constexpr const char* kRampRules[] = {
    "start <= stop (equal: a step)", "in float32: from·(1 − f) + to·f, f = (t − start)/(stop − start) clamped to [0, 1]"};

constexpr GeneratorInfo kGenerators[] = {
    {"constant", nullptr, "the same value at every step", kConstant, {}},
    {"step", nullptr, "a current switched on at `start` and off at `stop`", kStep, kStartStop},
    {"pulses", nullptr, "a list of rectangular pulses; overlapping pulses add", kPulses, kPulsesRules},
    {"periodic", nullptr, "a value every `period` rows from `start` on (a regular spike train)", kPeriodic, kStartStop},
    {"sine", nullptr, "a sine current switched on at `start` and off at `stop`", kSine, kSineRules},
    {"ramp", nullptr, "a linear rise (or fall) from `from` to `to` between rows start and stop", kRamp, kRampRules},
    {"noise", nullptr, "a uniform random current, a new draw for every element at every step", kNoise, kLowHigh},
    {"rate", "snntorch.spikegen.rate", "rate coding: each element spikes with its probability at every step", kRate, kRateRules},
    {"latency", "snntorch.spikegen.latency", "latency coding: one spike per element, earlier for larger values", kLatency,
     kLatencyRules},
    {"delta", "snntorch.spikegen.delta", "delta modulation: a spike where the input changes by the threshold or more", kDelta, {}},
    {"sum", nullptr, "the element-wise sum of several inputs", {}, kSumRules},
};

// ------------------------------------------------------------------------ scenario and layers
constexpr const char* kTimings[] = {"after_update", "before_update"};
constexpr FieldInfo golden(const char* name) {
  return Field(name, FieldType::Any).optional("ignored").inert().means("describes a golden trace; ignored");
}
constexpr FieldInfo kScenario[] = {
    Field("model", FieldType::Choice).optional("a network gives layers instead").means("the neuron model of a population (a name or an alias)"),
    Field("constructor", FieldType::Init).def("{}").means("the model's keyword arguments, with snnTorch's names"),
    Field("init", FieldType::Init).def("{}").means("initial state by name: a number, or one per neuron (zeros otherwise)"),
    Field("num_steps", FieldType::Count).fromScenario("the rows of an explicit input").atLeast(1).atMost(kSteps).means("steps to run"),
    Field("num_neurons", FieldType::Count)
        .fromScenario("the width of an explicit input, or the longest per-neuron list")
        .atLeast(1)
        .atMost(kNeurons)
        .means("neurons in the population"),
    Field("input", FieldType::Input).required().means("explicit rows or a generator"),
    Field("layers", FieldType::Layers).optional("a population gives model instead").means("a network: Linear and neuron layers, alternating"),
    Field("batch_size", FieldType::Count)
        .fromScenario("the batch rows of an explicit input, else 1")
        .atLeast(1)
        .atMost(static_cast<double>(limits::kMaxBatch))
        .means("batch rows of a network"),
    Field("seed", FieldType::Seed).def("0").label("random seed").means("the seed of every random draw (generators, weights)").typical(0, 999, 1),
    Field("record", FieldType::Record).optional("every array is kept").means("the arrays to keep, optionally with a range of neurons: \"mem1[0:9]\""),
    Field("spike_timing", FieldType::Choice)
        .fromScenario("the model's: after_update, or before_update for EulerLIF and the v0.2.11 models")
        .choices(kTimings)
        .label("spike read from the membrane")
        .means("whether a spike is read from the new membrane (snnTorch >= 0.4.4) or the one the step began with"),
    Field("sweep", FieldType::Sweep)
        .optional("one run, and its trace")
        .means("one run per value of a number field: spike counts and first spikes instead of a trace"),
    Field("name", FieldType::Text).optional("no name").inert().means("a name for people"),
    Field("description", FieldType::Text).optional("none").inert().means("a description for people"),
    // The golden files' descriptive fields: a golden entry is a valid Scenario as it stands.
    golden("tutorial_source"), golden("derived"), golden("output"), golden("spike_rows"), golden("spike_counts"),
    golden("min_abs_mem_minus_thr"), golden("weights_dyadic_exact_sums"), golden("input_shape"), golden("note"),
};

constexpr const char* kLinear[] = {"Linear"};
constexpr FieldInfo kLinearFields[] = {
    Field("type", FieldType::Choice).required().choices(kLinear).means("the layer's kind"),
    Field("in", FieldType::Count).required().atLeast(1).atMost(kNeurons).means("input features (the previous layer's out)"),
    Field("out", FieldType::Count).required().atLeast(1).atMost(kNeurons).means("output features: the neurons of the next layer"),
    Field("weight", FieldType::Weights).optional("drawn from the seed as PyTorch's default: U(−1/√in, 1/√in)").means("the weights [out][in]; y = x·Wᵀ + b"),
    Field("bias", FieldType::Bias).def("true").means("the bias: out values, true (drawn from the seed like the weights) or false (none)"),
    Field("seed", FieldType::Seed).fromScenario("the scenario's seed").means("the seed drawn weights and bias come from"),
    Field("stream", FieldType::Seed)
        .fromScenario("1000 + the entry's index in layers (0, 2, 4, ...)")
        .means("the PCG32 stream drawn weights and bias come from: weights row by row, then the bias"),
};

constexpr FieldInfo kSweep[] = {
    Field("path", FieldType::Text)
        .required()
        .rule("a number field the scenario's parse reads (a list's element by its index); not a size, not the scenario's seed")
        .means("the field swept, a dotted path: constructor.beta, input.step.amplitude, layers.1.threshold"),
    Field("values", FieldType::Numbers)
        .required()
        .rule("1..limits.sweep_values; values × a run's updates within limits.updates_per_run")
        .means("the values, one run each"),
};

constexpr FieldInfo kUniform[] = {
    Field("uniform", FieldType::Number).required().means("[low, high]: one draw per element, low <= high"), kSeed, kStream};

// ------------------------------------------------------------------------------------- to JSON
void writeBound(detail::JsonWriter& w, const char* key, const Bound& b) {
  if (!b.set) return;
  w.key(key).beginObject().key("value").number(b.value).key("inclusive").boolean(b.inclusive).endObject();
}

void writeField(detail::JsonWriter& w, const FieldInfo& f) {
  w.beginObject();
  w.key("name").string(f.name).key("type").string(fieldTypeName(f.type));
  switch (f.absent_kind) {
    case Absent::Default: w.key("default").raw(f.default_json); break;
    case Absent::Required: w.key("required").boolean(true); break;
    case Absent::Optional: w.key("when_absent").string(f.absent); break;
    case Absent::FromScenario: w.key("default_from").string(f.absent); break;
  }
  if (f.min.set || f.max.set) {
    w.key("range").beginObject();
    writeBound(w, "min", f.min);
    writeBound(w, "max", f.max);
    w.endObject();
  }
  if (!f.choices.empty()) {
    w.key("choices").beginArray();
    for (const char* c : f.choices) f.type == FieldType::Bool ? w.raw(c) : w.string(c);
    w.endArray();
  }
  if (f.rule) w.key("rule").string(f.rule);
  if (f.label) w.key("label").string(f.label);
  if (f.meaning) w.key("meaning").string(f.meaning);
  w.key("forward").boolean(f.forward);
  if (f.typical.set) {
    w.key("typical").beginObject().key("min").number(f.typical.min).key("max");
    f.typical.max_from ? w.string(f.typical.max_from) : w.number(f.typical.max);
    w.key("step").number(f.typical.step).endObject();
  }
  if (f.example) w.key("example").raw(f.example);
  w.endObject();
}

void writeFields(detail::JsonWriter& w, const char* key, FieldList fields) {
  w.key(key).beginArray();
  for (const auto& f : fields) writeField(w, f);
  w.endArray();
}

void writeLine(detail::JsonWriter& w, const char* key, const EquationLine& line) {
  w.key(key).beginObject().key("snntorch").string(line.snntorch).key("tutorial").string(line.tutorial).endObject();
}

void writeLines(detail::JsonWriter& w, const char* key, List<EquationLine> lines) {
  w.key(key).beginArray();
  for (const auto& line : lines) w.beginObject().key("snntorch").string(line.snntorch).key("tutorial").string(line.tutorial).endObject();
  w.endArray();
}

void writeEquations(detail::JsonWriter& w, const ModelEquations* e) {
  w.key("equations");
  if (!e) {
    w.null();
    return;
  }
  w.beginObject().key("terms").beginArray();
  for (const auto& t : e->terms) {
    w.beginObject().key("name").string(t.name).key("source").string(termSourceName(t.source));
    if (t.of) w.key("of").string(t.of);
    w.key("snntorch").string(t.snntorch).key("tutorial").string(t.tutorial).endObject();
  }
  w.endArray();
  writeLine(w, "reset", e->reset);
  writeLines(w, "common", e->common);
  w.key("cases").beginArray();
  for (const auto& c : e->cases) {
    w.beginObject().key("reset_mechanism").string(c.reset_mechanism);
    if (c.reset_delay != DelayCase::Any) w.key("reset_delay").boolean(c.reset_delay == DelayCase::On);
    writeLines(w, "lines", c.lines);
    w.key("branch").string(c.branch);
    if (c.spike.snntorch) writeLine(w, "spike", c.spike);
    w.endObject();
  }
  w.endArray();
  w.key("spike").beginObject();
  writeLine(w, "after_update", e->spike_after);
  writeLine(w, "before_update", e->spike_before);
  w.endObject().endObject();
}

void writeStrings(detail::JsonWriter& w, const char* key, Names list) {
  w.key(key).beginArray();
  for (const char* s : list) w.string(s);
  w.endArray();
}

}  // namespace

const char* fieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::Number: return "number";
    case FieldType::PerNeuron: return "per_neuron";
    case FieldType::Bool: return "bool";
    case FieldType::Choice: return "choice";
    case FieldType::Count: return "count";
    case FieldType::Seed: return "seed";
    case FieldType::Surrogate: return "surrogate";
    case FieldType::Text: return "text";
    case FieldType::Values: return "values";
    case FieldType::Input: return "input";
    case FieldType::InputList: return "input_list";
    case FieldType::PulseList: return "pulse_list";
    case FieldType::Rows: return "rows";
    case FieldType::Init: return "object";
    case FieldType::Record: return "record";
    case FieldType::Layers: return "layers";
    case FieldType::Weights: return "weights";
    case FieldType::Bias: return "bias";
    case FieldType::Sweep: return "sweep";
    case FieldType::Numbers: return "numbers";
    case FieldType::Any: return "any";
  }
  return "";
}

const char* termSourceName(TermSource source) {
  switch (source) {
    case TermSource::State: return "state";
    case TermSource::Previous: return "previous";
    case TermSource::Input: return "input";
    case TermSource::Spike: return "spike";
    case TermSource::Keyword: return "keyword";
    case TermSource::Reset: return "reset";
    case TermSource::Derived: return "derived";
    case TermSource::Inside: return "inside";
  }
  return "";
}

List<ModelInfo> models() { return kModels; }
List<GeneratorInfo> generators() { return kGenerators; }
FieldList scenarioFields() { return kScenario; }
FieldList linearFields() { return kLinearFields; }
FieldList uniformFields() { return kUniform; }
FieldList sweepFields() { return kSweep; }

const ModelInfo* findModel(std::string_view name) {
  for (const auto& m : models()) {
    if (name == m.name) return &m;
    for (const char* a : m.aliases)
      if (name == a) return &m;
  }
  return nullptr;
}

const ModelInfo& modelInfo(ModelKind kind, bool v02) {
  for (const auto& m : models())
    if (m.kind == kind && m.v02 == (v02 || kind == ModelKind::Srm0V02)) return m;
  return models()[0];
}

const GeneratorInfo* findGenerator(std::string_view name) {
  for (const auto& g : generators())
    if (name == g.name) return &g;
  return nullptr;
}

const FieldInfo* findField(FieldList fields, std::string_view name) {
  for (const auto& f : fields)
    if (name == f.name) return &f;
  return nullptr;
}

std::string catalogueJson() {
  detail::JsonWriter w;
  w.beginObject();
  w.key("snntorch").string("0.9.4");
  w.key("models").beginArray();
  for (const auto& m : models()) {
    w.beginObject().key("name").string(m.name);
    writeStrings(w, "aliases", m.aliases);
    w.key("snntorch_class");
    m.snntorch ? w.string(m.snntorch) : w.null();
    w.key("version").string(m.v02 ? "0.2.11" : "0.9.4");
    w.key("spike_timing").string(m.timing == SpikeTiming::AfterUpdate ? "after_update" : "before_update");
    w.key("title").string(m.title).key("summary").string(m.summary).key("update").string(m.update);
    writeStrings(w, "states", m.states);
    writeFields(w, "keywords", m.keywords);
    w.key("forms").beginArray();
    for (Names form : m.forms) {
      w.beginArray();
      for (const char* k : form) w.string(k);
      w.endArray();
    }
    w.endArray();
    writeStrings(w, "rules", m.rules);
    writeEquations(w, m.equations);
    w.endObject();
  }
  w.endArray();
  w.key("generators").beginArray();
  for (const auto& g : generators()) {
    w.beginObject().key("name").string(g.name).key("snntorch");
    g.snntorch ? w.string(g.snntorch) : w.null();
    w.key("summary").string(g.summary);
    writeFields(w, "fields", g.fields);
    writeStrings(w, "rules", g.rules);
    w.endObject();
  }
  w.endArray();
  writeFields(w, "scenario", scenarioFields());
  writeFields(w, "linear", linearFields());
  writeFields(w, "uniform", uniformFields());
  writeFields(w, "sweep", sweepFields());
  // The sine generator's own sine (float_math.hpp, sinTurns), for code that must redo it exactly (the
  // Python export): its coefficients, lowest first, each a double written so that it reads back exactly.
  w.key("sin_turns").beginObject().key("coefficients").beginArray();
  for (double c : kSinTurnsCoefficients) w.number(c);
  w.endArray().endObject();
  w.key("limits").beginObject();
  w.key("steps").number(kSteps);
  w.key("neurons").number(static_cast<double>(limits::kMaxNeurons));
  w.key("batch").number(static_cast<double>(limits::kMaxBatch));
  w.key("weights_per_layer").number(static_cast<double>(limits::kMaxWeights));
  w.key("layers").number(static_cast<double>(limits::kMaxLayers));
  w.key("trace_values").number(static_cast<double>(limits::kMaxTraceValues));
  w.key("updates_per_run").number(limits::kMaxWork);
  w.key("sweep_values").number(static_cast<double>(limits::kMaxSweepValues));
  w.key("generator_work").number(limits::kMaxGeneratorWork);
  w.key("memory_bytes").number(limits::kMemoryBudget);
  w.endObject();
  w.key("error_kinds").beginArray();
  for (const auto& k : errorKinds()) w.beginObject().key("name").string(k.name).key("meaning").string(k.meaning).endObject();
  w.endArray();
  w.endObject();
  return w.take();
}

}  // namespace snn
