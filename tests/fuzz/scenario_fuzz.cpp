// libFuzzer target: Scenario JSON -> parseScenario -> (small ones) runScenario -> traceToJson / traceToCsv;
// a sweep scenario -> checkSweep -> (small ones) runSweep, and through a Session.
//
// Expected outcomes for any byte string:
//   * parseScenario throws snn::ScenarioError (bad input), with a non-empty message; or
//   * it returns a Scenario that satisfies its documented invariants ("a parsed Scenario can always be
//     run"); small ones are run, and the Trace and its JSON / CSV texts are checked.
// Anything else is a bug: another exception type escaping, a crash, a sanitizer report, or a failed
// property check (reported with a message, then abort()).
#include <pthread.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include <nlohmann/json.hpp>

#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "snn/sweep.hpp"
#include "snn/trace.hpp"

namespace {

// Scenarios whose run is bigger than this (steps x neurons x batch, plus synapses) are only parsed.
constexpr double kMaxRunWork = 20000;
constexpr double kMaxRunSynapses = 2e6;

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "\n*** scenario_fuzz: property violated: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

#define CHECK(cond, msg)                                                 \
  do {                                                                   \
    if (!(cond)) bug(std::string(#cond) + " -- " + std::string(msg));    \
  } while (0)

std::uint32_t bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

std::size_t product(const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

void checkDef(const snn::NeuronDef& d, std::size_t n, const std::string& where) {
  auto ok = [&](const std::vector<float>& v) { return v.empty() || v.size() == 1 || v.size() == n; };
  CHECK(ok(d.alpha), where + ": alpha has " + std::to_string(d.alpha.size()) + " values");
  CHECK(ok(d.beta), where + ": beta has " + std::to_string(d.beta.size()) + " values");
  CHECK(!d.threshold.empty() && ok(d.threshold), where + ": threshold has " + std::to_string(d.threshold.size()));
  CHECK(!d.graded_spikes_factor.empty() && ok(d.graded_spikes_factor), where + ": graded_spikes_factor has " +
                                                                          std::to_string(d.graded_spikes_factor.size()));
  for (float g : d.graded_spikes_factor) CHECK(std::isfinite(g) && g != 0.0f, where + ": graded_spikes_factor");
}

// Invariants of a parsed Scenario, whatever its size.
void checkScenario(const snn::Scenario& s) {
  CHECK(s.num_steps >= 1 && s.num_steps <= snn::limits::kMaxSteps, "num_steps = " + std::to_string(s.num_steps));
  CHECK(s.batch >= 1, "batch = " + std::to_string(s.batch));
  if (s.isNetwork()) {
    CHECK(s.linears.size() == s.populations.size(), "one population per Linear");
    CHECK(s.linears.size() * 2 <= snn::limits::kMaxLayers, "layer count");
    CHECK(s.input_size == s.linears.front().in(), "input_size == layers[0].in");
    for (std::size_t k = 0; k < s.linears.size(); ++k) {
      if (k > 0) CHECK(s.linears[k].in() == s.linears[k - 1].out(), "layer sizes chain at " + std::to_string(k));
      CHECK(s.linears[k].in() * s.linears[k].out() <= snn::limits::kMaxWeights, "weights within the limit");
      checkDef(s.populations[k], s.linears[k].out(), "populations[" + std::to_string(k) + "]");
    }
    CHECK(s.init.empty(), "a network has no init");
  } else {
    CHECK(s.batch == 1, "a population has batch 1");
    CHECK(s.num_neurons >= 1 && s.num_neurons <= snn::limits::kMaxNeurons, "num_neurons");
    CHECK(s.input_size == s.num_neurons, "input_size == num_neurons");
    for (const auto& [name, values] : s.init)
      CHECK(values.size() == s.num_neurons, "init." + name + " has " + std::to_string(values.size()) + " values");
    checkDef(s.neuron, s.num_neurons, "neuron");
  }
  const std::size_t row = s.batch * s.input_size;
  const std::size_t want = s.input_is_constant ? row : s.num_steps * row;
  // The runner reads num_steps rows (or one row when constant): the input must hold at least that.
  CHECK(s.input.size() >= want, "input holds " + std::to_string(s.input.size()) + " values, needs " + std::to_string(want));
  // Every record entry names a produced array and a range within it (checkRecord throws otherwise).
  const std::vector<snn::TraceArrayInfo> produced = snn::traceArrays(s);
  const std::vector<snn::RecordedRange> kept = snn::checkRecord(s.record, produced);
  for (std::size_t k = 0; k < produced.size(); ++k)
    CHECK(kept[k].first + kept[k].count <= produced[k].neurons, "record range inside " + produced[k].name);
}

bool smallEnough(const snn::Scenario& s) {
  const double T = static_cast<double>(s.num_steps), B = static_cast<double>(s.batch);
  double width = static_cast<double>(s.input_size), synapses = 0;
  if (s.isNetwork()) {
    for (const auto& l : s.linears) {
      width += static_cast<double>(l.out());
      synapses += static_cast<double>(l.in()) * static_cast<double>(l.out());
    }
  }
  return T * width * B <= kMaxRunWork && T * synapses * B <= kMaxRunSynapses;
}

// The values a spike of this array may carry: the population's graded spike factors.
const std::vector<float>& spikeFactors(const snn::Scenario& s, const std::string& name) {
  if (!s.isNetwork()) return s.neuron.graded_spikes_factor;
  const std::size_t layer = std::stoul(name.substr(3)) - 1;  // "spk<k>"
  return s.populations.at(layer).graded_spikes_factor;
}

// Flattens a nested JSON array, checking its nesting against shape.
void flatten(const nlohmann::json& j, const std::vector<std::size_t>& shape, std::size_t dim,
             std::vector<const nlohmann::json*>& out, const std::string& name) {
  CHECK(j.is_array() && j.size() == shape[dim], "JSON nesting of " + name + " at dim " + std::to_string(dim));
  for (const auto& v : j) {
    if (dim + 1 == shape.size()) out.push_back(&v);
    else flatten(v, shape, dim + 1, out, name);
  }
}

void checkJsonValue(const nlohmann::json& v, float want, bool is_spike, const std::string& where) {
  if (!std::isfinite(want)) {
    CHECK(v.is_null(), where + ": a non-finite value must be written as null");
    return;
  }
  CHECK(v.is_number(), where + ": a finite value must be a number");
  const float got = static_cast<float>(v.get<double>());
  if (is_spike) {
    CHECK(got == want, where + ": spike value changed in JSON");
  } else {
    CHECK(bits(got) == bits(want), where + ": float32 bits changed in JSON (" + v.dump() + ")");
  }
}

void checkJson(const snn::Trace& trace, bool with_input) {
  const std::string text = snn::traceToJson(trace, snn::TraceJsonOptions{with_input});
  CHECK(text.size() >= 3 && text.front() == '{' && text.substr(text.size() - 2) == "}\n", "traceToJson framing");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    bug(std::string("traceToJson output is not valid JSON: ") + e.what());
  }
  std::vector<const snn::TraceArray*> arrays;
  if (with_input && !trace.input.data.empty()) arrays.push_back(&trace.input);
  for (const auto& a : trace.arrays) arrays.push_back(&a);
  CHECK(j.is_object() && j.size() == arrays.size(), "traceToJson has one key per array");
  // nlohmann sorts keys, so look each array up by name.
  for (const auto* a : arrays) {
    CHECK(j.contains(a->name), "traceToJson has key " + a->name);
    std::vector<const nlohmann::json*> flat;
    flatten(j.at(a->name), a->shape, 0, flat, a->name);
    CHECK(flat.size() == a->data.size(), "value count of " + a->name);
    for (std::size_t i = 0; i < flat.size(); ++i)
      checkJsonValue(*flat[i], a->data[i], a->is_spike, a->name + "[" + std::to_string(i) + "]");
  }
}

std::vector<std::string> splitLine(const std::string& line) {
  std::vector<std::string> f;
  std::size_t start = 0;
  for (;;) {
    const std::size_t c = line.find(',', start);
    f.push_back(line.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) return f;
    start = c + 1;
  }
}

void checkCsv(const snn::Trace& trace, bool with_input) {
  const std::string text = snn::traceToCsv(trace, with_input);
  CHECK(!text.empty() && text.back() == '\n', "traceToCsv ends with a newline");
  std::vector<const snn::TraceArray*> cols;
  if (with_input && !trace.input.data.empty()) cols.push_back(&trace.input);
  for (const auto& a : trace.arrays)
    if (!a.is_spike) cols.push_back(&a);
  for (const auto& a : trace.arrays)
    if (a.is_spike) cols.push_back(&a);
  std::size_t fields = 1;
  for (const auto* a : cols) fields += a->rowSize();

  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    CHECK(nl != std::string::npos, "traceToCsv line ends with a newline");
    const std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    const std::vector<std::string> f = splitLine(line);
    CHECK(f.size() == fields, "CSV line " + std::to_string(line_no) + " has " + std::to_string(f.size()) +
                                  " fields, header says " + std::to_string(fields));
    if (line_no == 0) {
      CHECK(f[0] == "step", "CSV header starts with step");
    } else {
      const std::size_t t = line_no - 1;
      CHECK(f[0] == std::to_string(t), "CSV step column");
      std::size_t k = 1;
      for (const auto* a : cols) {
        const std::size_t row = a->rowSize();
        for (std::size_t i = 0; i < row; ++i, ++k) {
          const float want = a->data[t * row + i];
          const std::string where = "CSV row " + std::to_string(t) + " " + a->name + "[" + std::to_string(i) + "]";
          if (!std::isfinite(want)) {
            CHECK(f[k].empty(), where + ": non-finite values are empty cells");
            continue;
          }
          char* end = nullptr;
          const double d = std::strtod(f[k].c_str(), &end);
          CHECK(!f[k].empty() && end && *end == '\0', where + ": not a number: '" + f[k] + "'");
          const float got = static_cast<float>(d);
          if (a->is_spike) CHECK(got == want, where);
          else CHECK(bits(got) == bits(want), where + " = '" + f[k] + "'");
        }
      }
    }
    ++line_no;
  }
  CHECK(line_no == trace.num_steps + 1, "CSV has a header and one line per step (" + std::to_string(line_no) + " lines)");
}

void checkTrace(const snn::Scenario& s, const snn::Trace& trace) {
  CHECK(trace.num_steps == s.num_steps, "trace.num_steps == num_steps");
  // Names, in order, are traceArrays filtered by record, each as wide as its kept range of neurons.
  std::vector<std::string> want;
  std::vector<std::size_t> width;
  const std::vector<snn::TraceArrayInfo> produced = snn::traceArrays(s);
  const std::vector<snn::RecordedRange> kept = snn::checkRecord(s.record, produced);
  for (std::size_t k = 0; k < produced.size(); ++k)
    if (kept[k].count > 0) {
      want.push_back(produced[k].name);
      width.push_back(kept[k].count);
    }
  CHECK(trace.arrays.size() == want.size(), "trace has " + std::to_string(trace.arrays.size()) + " arrays, expected " +
                                                std::to_string(want.size()));
  // A population's arrays are [T][N]; one neuron fed a flat [T] input may keep the flat shape [T]
  // (v0.2 notebooks). All arrays, the input included, then have the same rank.
  const std::size_t pop_rank = trace.input.shape.size();
  if (!s.isNetwork()) CHECK(pop_rank == 2 || (pop_rank == 1 && s.num_neurons == 1), "input rank of a population");
  for (std::size_t i = 0; i < trace.arrays.size(); ++i) {
    const snn::TraceArray& a = trace.arrays[i];
    CHECK(a.name == want[i], "array " + std::to_string(i) + " is " + a.name + ", expected " + want[i]);
    CHECK(!a.shape.empty() && a.shape[0] == s.num_steps, a.name + " has num_steps rows");
    CHECK(product(a.shape) == a.data.size(), a.name + " data size matches its shape");
    if (s.isNetwork()) {
      CHECK(a.shape.size() == 3 && a.shape[1] == s.batch && a.shape[2] == width[i], a.name + " is [T][batch][n kept]");
    } else {
      CHECK(a.shape.size() == pop_rank && (pop_rank == 1 || a.shape[1] == width[i]), a.name + " is [T][N kept] (or [T] like the input)");
    }
    CHECK(a.is_spike == (a.name.rfind("spk", 0) == 0), a.name + " is_spike flag");
    if (a.is_spike) {
      const std::vector<float>& g = spikeFactors(s, a.name);
      for (std::size_t k = 0; k < a.data.size(); ++k)
        CHECK(a.data[k] == 0.0f || std::find(g.begin(), g.end(), a.data[k]) != g.end(),
              a.name + "[" + std::to_string(k) + "] = " + snn::formatFloat(a.data[k]) + " is not 0 or the spike value");
    }
  }
  CHECK(!trace.input.shape.empty() && trace.input.shape[0] == s.num_steps, "input has num_steps rows");
  CHECK(product(trace.input.shape) == trace.input.data.size(), "input data size matches its shape");
  CHECK(trace.input.rowSize() == s.batch * s.input_size, "input row size");
}

void sameBits(const snn::Trace& a, const snn::Trace& b) {
  CHECK(a.arrays.size() == b.arrays.size(), "rerun: same array count");
  for (std::size_t i = 0; i < a.arrays.size(); ++i) {
    CHECK(a.arrays[i].data.size() == b.arrays[i].data.size(), "rerun: same sizes");
    CHECK(std::memcmp(a.arrays[i].data.data(), b.arrays[i].data.data(), a.arrays[i].data.size() * sizeof(float)) == 0,
          "rerun of the same Scenario gives other bits in " + a.arrays[i].name);
  }
}

// Known, reported bugs can be skipped while looking for others: SNN_FUZZ_KNOWN=json406 (comma-separated
// names). By default nothing is skipped, so a fixed bug stays checked.
bool knownIssueSkipped(const char* name) {
  static const std::string known = [] {
    const char* v = std::getenv("SNN_FUZZ_KNOWN");
    return "," + std::string(v ? v : "") + ",";
  }();
  return known.find("," + std::string(name) + ",") != std::string::npos;
}

// A sweep scenario: checked (every value's scenario), and when small run, its result's invariants checked
// and equal to the session's (which shares a cache with every other input).
void fuzzSweep(std::string_view text) {
  snn::SweepResult checked;
  try {
    checked = snn::checkSweep(text);
  } catch (const snn::ScenarioError& e) {
    CHECK(std::strlen(e.what()) > 0, "a ScenarioError has a message");
    return;
  }
  CHECK(!checked.values.empty() && checked.shape.size() >= 2 && checked.shape[0] == checked.values.size(), "sweep shape");
  if (static_cast<double>(checked.values.size()) * static_cast<double>(checked.num_steps) * static_cast<double>(checked.rowSize()) >
      kMaxRunWork)
    return;
  const snn::SweepResult r = snn::runSweep(text);
  CHECK(r.shape == checked.shape && r.path == checked.path && r.array == checked.array, "run and check agree on the layout");
  CHECK(r.spike_count.size() == r.values.size() * r.rowSize() && r.first_spike.size() == r.spike_count.size(), "sweep sizes");
  for (std::size_t i = 0; i < r.spike_count.size(); ++i) {
    const std::int32_t c = r.spike_count[i], f = r.first_spike[i];
    CHECK(c >= 0 && static_cast<std::size_t>(c) <= r.num_steps, "a count is 0..num_steps");
    CHECK((c == 0) == (f == -1) && f < static_cast<std::int32_t>(r.num_steps), "a first spike exactly when the count is not 0");
    CHECK(c == 0 || static_cast<std::size_t>(c) <= r.num_steps - static_cast<std::size_t>(f), "no more spikes than steps after the first");
  }
  static snn::Session session(std::size_t{4} << 20);
  const snn::Session::Outcome again = session.runAny(text);
  CHECK(again.sweep && again.sweep->spike_count == r.spike_count && again.sweep->first_spike == r.first_spike,
        "a sweep through the session's cache gives other counts");
  const std::string json = snn::sweepToJson(r);
  CHECK(nlohmann::json::parse(json).at("spike_count").size() == r.values.size(), "sweepToJson has a row per value");
}

void fuzzOne(std::string_view text) {
  if (snn::isSweepScenario(text)) return fuzzSweep(text);
  snn::Scenario s;
  try {
    s = snn::parseScenario(text);
  } catch (const snn::ScenarioError& e) {
    CHECK(std::strlen(e.what()) > 0, "a ScenarioError has a message");
    return;
  } catch (const nlohmann::json::out_of_range& e) {
    // json406: a number literal outside double's range ("1e400") makes nlohmann throw out_of_range.406
    // from json::parse, which parseScenario does not turn into a ScenarioError.
    if (e.id == 406 && knownIssueSkipped("json406")) return;
    throw;
  }
  checkScenario(s);
  if (!smallEnough(s)) return;

  const snn::Trace trace = snn::runScenario(s);
  checkTrace(s, trace);
  sameBits(trace, snn::runScenario(s));  // no hidden state, no uninitialised reads
  // Through one cache kept across every input (small, so entries are also dropped): what a run takes from
  // it — drawn weights, a generated input, a network's first-layer currents — must be what this text alone
  // gives. Run twice: the first may fill the cache, the second then reads what it put there.
  static snn::Session session(std::size_t{4} << 20);
  sameBits(trace, session.run(text).trace);
  sameBits(trace, session.run(text).trace);
  checkJson(trace, false);
  checkJson(trace, true);
  checkCsv(trace, false);
  checkCsv(trace, true);

  // Parsing is deterministic: the same text gives the same materialised input (seeded generators).
  const snn::Scenario again = snn::parseScenario(text);
  CHECK(again.input.size() == s.input.size() &&
            std::memcmp(again.input.data(), s.input.data(), s.input.size() * sizeof(float)) == 0,
        "parsing the same text twice gives another input");
}

void fuzzOneGuarded(std::string_view text) {
  try {
    fuzzOne(text);
  } catch (const snn::ScenarioError& e) {
    bug(std::string("ScenarioError escaped after a successful parse (from run or a re-parse): ") + e.what());
  } catch (const std::exception& e) {
    bug(std::string("unexpected exception ") + typeid(e).name() + ": " + e.what());
  } catch (...) {
    bug("unexpected non-std exception");
  }
}

struct ThreadArg {
  std::string_view text;
};

void* threadMain(void* p) {
  fuzzOneGuarded(static_cast<ThreadArg*>(p)->text);
  return nullptr;
}

// The core also runs as WASM, whose stack is small (64 KiB by default with emscripten), so every input is
// run on a thread with a small stack: recursion that grows with the input's nesting shows up as a
// stack-overflow report within -max_len. SNN_FUZZ_STACK_KB sets the size (default 256, as ASan's frames
// are several times larger than WASM's; 0 = run on libFuzzer's own thread).
std::size_t stackBytes() {
  static const std::size_t bytes = [] {
    const char* v = std::getenv("SNN_FUZZ_STACK_KB");
    const long kb = v ? std::strtol(v, nullptr, 10) : 256;
    return kb > 0 ? static_cast<std::size_t>(kb) * 1024 : std::size_t{0};
  }();
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ThreadArg arg{std::string_view(reinterpret_cast<const char*>(data), size)};
  const std::size_t stack = stackBytes();
  if (stack == 0) {
    fuzzOneGuarded(arg.text);
    return 0;
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::max<std::size_t>(stack, PTHREAD_STACK_MIN));
  pthread_t thread;
  if (pthread_create(&thread, &attr, threadMain, &arg) != 0) {
    pthread_attr_destroy(&attr);
    fuzzOneGuarded(arg.text);  // could not start a thread: run here
    return 0;
  }
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return 0;
}
