// Input generators: the small vocabulary a figure or a teacher uses to describe an input without writing
// out every row. Each generator draws from its own PCG32 stream, so adding one generator to a `sum` does
// not change the spikes of another.
#include "generators.hpp"

#include <algorithm>
#include <cmath>

#include "fields.hpp"
#include "snn/catalogue.hpp"
#include "snn/encoders.hpp"
#include "snn/float_math.hpp"
#include "snn/limits.hpp"
#include "snn/rng.hpp"
#include "snn/scenario.hpp"
#include "generator_rows.hpp"

namespace snn::detail {

namespace {

struct Context {
  InputShape shape;
  std::uint64_t seed;
  std::uint64_t next_stream = 1;
  int depth = 0;
  double allocated = 0;  // values allocated while generating, all levels together
  double work = 0;       // value operations so far, all levels together (limits::kMaxGeneratorWork)
  // Checking only (validate, resolve): every field is read and every limit counted, but no [T][W] buffer is
  // made or filled (allocate returns an empty one, and the fills skip it).
  bool dry = false;
};

// Nested sums and encoders each hold a [T][W] buffer while the next level builds its own; this budget
// bounds what one input may allocate in all, whatever its shape.
constexpr double kGenerationBudget = 2.0 * static_cast<double>(limits::kMaxTraceValues);

// Counts `n` value operations (fills, writes, adds, draws) before they are done: an input whose generators
// would do more than limits::kMaxGeneratorWork of them in all is refused at the one that crosses it.
void spend(Context& ctx, const std::string& path, double n) {
  ctx.work += n;
  if (ctx.work > limits::kMaxGeneratorWork)
    fail(Kind::Limit, path,
         path + ": generating this input takes " + formatNumber(ctx.work) +
             " value operations in all (the values every pulse, step, sum, encoder and fill writes), over the budget of " +
             formatNumber(limits::kMaxGeneratorWork) + "; use fewer or narrower pulses, fewer generators or fewer steps");
}

// Counts a buffer of n values some generator is about to allocate (its own, or an encoder's output):
// against the generation budget, the work budget (it is filled) and the memory budget.
void reserveValues(Context& ctx, const std::string& path, double n) {
  ctx.allocated += n;
  if (ctx.allocated > kGenerationBudget)
    fail(Kind::Limit, path,
         path + ": generating this input would allocate " + formatNumber(ctx.allocated) + " values in all, over the budget of " +
             formatNumber(kGenerationBudget) + "; nest fewer generators or use fewer steps");
  spend(ctx, path, n);
  checkMemory(4 * n, path, path);
}

std::vector<float> allocate(Context& ctx, const std::string& path, float fill = 0.0f) {
  const double n = static_cast<double>(ctx.shape.steps) * static_cast<double>(ctx.shape.rowSize());
  reserveValues(ctx, path, n);
  if (ctx.dry) return {};
  return std::vector<float>(static_cast<std::size_t>(n), fill);
}

constexpr int kMaxNesting = 16;  // sum / of nest this deep at most: a hostile scenario cannot exhaust the stack

std::vector<float> build(const json& spec, const std::string& path, Context& ctx, bool& constant, json* resolved);

// The random stream of the next generator that draws: numbered from 1 in the order met, whether or not a
// generator names its own (so that naming one shifts no other).
std::uint64_t takeStream(Fields& f, Context& ctx) {
  const std::uint64_t numbered = ctx.next_stream++;
  const std::uint64_t stream = f.given("stream") ? readSeed(f.get("stream"), f.at("stream")) : numbered;
  f.resolveAs("stream", stream);
  return stream;
}

std::uint64_t takeSeed(Fields& f, const Context& ctx) {
  const std::uint64_t seed = f.given("seed") ? readSeed(f.get("seed"), f.at("seed")) : ctx.seed;
  f.resolveAs("seed", seed);
  return seed;
}

// Per-element values for one step: a number (all elements), [width] (same for every batch row),
// [batch][width], or {"uniform": [low, high]} drawn once per element.
std::vector<float> readValues(const json& j, const std::string& path, Context& ctx, json* resolved) {
  const InputShape& s = ctx.shape;
  spend(ctx, path, static_cast<double>(s.rowSize()));
  std::vector<float> out(s.rowSize());
  if (resolved) *resolved = j;
  // A number, or NaN / Infinity as the JS API sends them (readFloat names them in its message).
  if (j.is_number() || (j.is_string() && (j == "NaN" || j == "Infinity" || j == "-Infinity"))) {
    std::fill(out.begin(), out.end(), readFloat(j, path));
    return out;
  }
  if (j.is_object()) {
    Fields f(j, path, uniformFields(), resolved);
    if (!f.given("uniform"))
      fail(Kind::Type, path, path + " must be a number, an array, or {\"uniform\": [low, high]}, got an object without \"uniform\"");
    const json& u = f.get("uniform");
    const std::string upath = f.at("uniform");
    if (!u.is_array() || u.size() != 2)
      fail(Kind::Type, upath, upath + " must be [low, high], got " + describe(u));
    const float lo = readFloat(u[0], index(upath, 0)), hi = readFloat(u[1], index(upath, 1));
    if (!(lo <= hi))
      fail(Kind::Range, upath, upath + ": low (" + formatFloat32(lo) + ") must be <= high (" + formatFloat32(hi) + ")");
    const std::uint64_t seed = takeSeed(f, ctx);
    Pcg32 rng(seed, takeStream(f, ctx));
    for (float& v : out) v = rng.uniform(lo, hi);
    return out;
  }
  if (!j.is_array())
    fail(Kind::Type, path, path + " must be a number, an array, or {\"uniform\": [low, high]}, got " + describe(j));
  if (j.size() == s.width && (j.empty() || !j[0].is_array())) {
    for (std::size_t b = 0; b < s.batch; ++b)
      for (std::size_t i = 0; i < s.width; ++i) out[b * s.width + i] = readFloat(j[i], index(path, i));
    return out;
  }
  if (j.size() == s.batch && !j.empty() && j[0].is_array()) {
    for (std::size_t b = 0; b < s.batch; ++b) {
      const std::string rpath = index(path, b);
      if (!j[b].is_array() || j[b].size() != s.width)
        fail(Kind::Type, rpath, rpath + " must have " + std::to_string(s.width) + " values, got " + describe(j[b]));
      for (std::size_t i = 0; i < s.width; ++i) out[b * s.width + i] = readFloat(j[b][i], index(rpath, i));
    }
    return out;
  }
  fail(Kind::Type, path,
       path + " has " + std::to_string(j.size()) + " values, expected one number, " + std::to_string(s.width) +
           " values (one per " + (s.network ? "input" : "neuron") + ")" +
           (s.batch > 1 ? ", or [" + std::to_string(s.batch) + "][" + std::to_string(s.width) + "]" : ""));
}

// A field read as values, written to the resolved generator under its name.
std::vector<float> valuesField(Fields& f, const char* name, Context& ctx, json* resolved) {
  json* r = resolved ? &(*resolved)[name] : nullptr;
  return readValues(f.get(name), f.at(name), ctx, r);
}

std::size_t stepField(Fields& f, const char* name) { return readCount(f.get(name), f.at(name), 0, limits::kMaxSteps); }
float floatField(Fields& f, const char* name) { return readFloat(f.get(name), f.at(name)); }
bool boolField(Fields& f, const char* name) { return readBool(f.get(name), f.at(name)); }

std::vector<float> explicitArray(const json& j, const std::string& path, Context& ctx) {
  const InputShape& s = ctx.shape;
  if (j.size() != s.steps)
    fail(Kind::Type, path,
         path + " has " + std::to_string(j.size()) + " rows, expected " + std::to_string(s.steps) + " (num_steps)");
  // Read even when only checking: every value given must be a number.
  const double n = static_cast<double>(s.steps) * static_cast<double>(s.rowSize());
  reserveValues(ctx, path, n);
  std::vector<float> out(static_cast<std::size_t>(n));
  spend(ctx, path, n);
  float* dst = out.data();
  for (std::size_t t = 0; t < s.steps; ++t) {
    const json& row = j[t];
    const std::string rpath = index(path, t);
    if (s.width == 1 && s.batch == 1 && row.is_number()) {  // [T] for one neuron (the v0.2 notebooks' shape)
      *dst++ = readFloat(row, rpath);
      continue;
    }
    if (!row.is_array())
      fail(Kind::Type, rpath, "input row " + std::to_string(t) + " must be an array, got " + describe(row));
    const bool nested = s.network && !(s.batch == 1 && !row.empty() && row[0].is_number());
    if (nested) {
      if (row.size() != s.batch)
        fail(Kind::Type, rpath,
             "input row " + std::to_string(t) + " has " + std::to_string(row.size()) + " batch rows, expected " +
                 std::to_string(s.batch));
      for (std::size_t b = 0; b < s.batch; ++b) {
        const json& r = row[b];
        const std::string bpath = index(rpath, b);
        if (!r.is_array() || r.size() != s.width)
          fail(Kind::Type, bpath,
               "input row " + std::to_string(t) + " batch " + std::to_string(b) +
                   (r.is_array() ? " has " + std::to_string(r.size()) + " values"
                                 : " must be an array of values, got " + describe(r)) +
                   ", expected " + std::to_string(s.width) + " values");
        for (std::size_t i = 0; i < s.width; ++i) *dst++ = readFloat(r[i], index(bpath, i));
      }
    } else {
      if (row.size() != s.width)
        fail(Kind::Type, rpath,
             "input row " + std::to_string(t) + " has " + std::to_string(row.size()) + " values, expected " +
                 std::to_string(s.width));
      for (std::size_t i = 0; i < s.width; ++i) *dst++ = readFloat(row[i], index(rpath, i));
    }
  }
  return out;
}

// How many rows addRows writes.
std::size_t rowsWritten(std::size_t start, std::size_t stop, std::size_t period, std::size_t steps) {
  const std::size_t end = std::min(stop, steps);
  return start >= end ? 0 : (end - start + period - 1) / period;
}

// An input as full [T][W] rows (a constant is repeated), for encoders that read a time series.
std::vector<float> buildRows(const json& spec, const std::string& path, Context& ctx, json* resolved) {
  bool constant = false;
  std::vector<float> rows = build(spec, path, ctx, constant, resolved);
  if (!constant) return rows;
  std::vector<float> full = allocate(ctx, path);
  spend(ctx, path, static_cast<double>(ctx.shape.steps) * static_cast<double>(rows.size()));
  if (!ctx.dry) repeatRow(full.data(), rows.data(), rows.size(), ctx.shape.steps);
  return full;
}

// The encoders name their own fields ("latency.tau", "latency: data[3] ..."); inside a scenario the user
// wrote them at `gpath` ("input.latency.tau", "values[3]"), so re-raise with the scenario's names.
template <class Encode>
auto encodeAt(const std::string& gpath, const std::string& encoder, Encode encode) -> decltype(encode()) {
  try {
    return encode();
  } catch (const ScenarioError& e) {
    auto rename = [&](std::string text) {
      const std::string from = encoder + ".";
      if (text.rfind(from, 0) == 0) text = gpath + "." + text.substr(from.size());
      const std::string colon = encoder + ": ";
      if (text.rfind(colon, 0) == 0) text = gpath + ": " + text.substr(colon.size());
      for (std::size_t at; (at = text.find("data[")) != std::string::npos;) text.replace(at, 5, "values[");
      for (std::size_t at; (at = text.find(".data")) != std::string::npos;) text.replace(at, 5, ".values");
      return text;
    };
    throw ScenarioError(e.kind(), rename(e.field()), rename(e.what()));
  }
}

// start <= stop, both within the steps (stop by default: `last`, the number of steps or the last row); the
// resolved generator names its stop.
std::pair<std::size_t, std::size_t> span(Fields& f, const std::string& gpath, std::size_t last) {
  const std::size_t start = stepField(f, "start");
  const std::size_t stop = f.given("stop") ? stepField(f, "stop") : last;
  f.resolveAs("stop", stop);
  if (start > stop)
    fail(Kind::Range, f.at("start"), gpath + ": start (" + std::to_string(start) + ") must be <= stop (" + std::to_string(stop) + ")");
  return {start, stop};
}

// "constant, step, ...": the catalogue's generators, for messages.
std::string generatorNames() {
  std::string names;
  for (const GeneratorInfo& g : generators()) names += (names.empty() ? "" : ", ") + std::string(g.name);
  return names;
}

std::vector<float> build(const json& spec, const std::string& path, Context& ctx, bool& constant, json* resolved) {
  const InputShape& s = ctx.shape;
  constant = false;
  if (spec.is_array()) {
    if (resolved) *resolved = spec;
    return explicitArray(spec, path, ctx);
  }
  struct DepthGuard {
    int& d;
    ~DepthGuard() { --d; }
  } guard{++ctx.depth};
  if (ctx.depth > kMaxNesting)
    fail(Kind::Limit, path, path + " nests generators more than " + std::to_string(kMaxNesting) + " levels deep");
  if (!spec.is_object() || spec.size() != 1)
    fail(Kind::Type, path, path + " must be an array of rows or a generator object with one key (" + generatorNames() + "), got " + describe(spec));
  const std::string kind = spec.begin().key();
  const json& g = spec.begin().value();
  const std::string gpath = join(path, kind);
  const std::size_t T = s.steps;
  const std::size_t W = s.rowSize();
  const GeneratorInfo* info = findGenerator(kind);
  if (!info)
    fail(Kind::Invalid, gpath, "unknown input generator '" + kind + "' (accepted: " + generatorNames() + ", or an explicit array)");
  json* r = nullptr;  // the resolved generator's body
  if (resolved) {
    *resolved = json::object();
    r = &(*resolved)[kind];
  }

  if (kind == "sum") {
    if (!g.is_array() || g.empty())
      fail(Kind::Type, gpath, gpath + " must be a non-empty array of inputs, got " + describe(g));
    if (r) *r = json::array();
    std::vector<float> total = allocate(ctx, gpath);
    for (std::size_t k = 0; k < g.size(); ++k) {
      bool c = false;
      json part_resolved;
      const std::vector<float> part = build(g[k], index(gpath, k), ctx, c, r ? &part_resolved : nullptr);
      if (r) r->push_back(std::move(part_resolved));
      spend(ctx, index(gpath, k), static_cast<double>(T) * static_cast<double>(W));
      if (!ctx.dry) addAll(total.data(), part.data(), T, W, c);
    }
    return total;
  }
  if (kind == "pulses") {
    if (!g.is_array()) fail(Kind::Type, gpath, gpath + " must be an array of {start, width, amplitude}, got " + describe(g));
    if (r) *r = json::array();
    std::vector<float> out = allocate(ctx, gpath);
    for (std::size_t k = 0; k < g.size(); ++k) {
      json pulse;
      Fields f(g[k], index(gpath, k), info->fields, r ? &pulse : nullptr);
      if (!f.given("start")) fail(Kind::Invalid, f.at("start"), f.at("start") + " is required");
      const std::size_t start = stepField(f, "start");
      const std::size_t width = readCount(f.get("width"), f.at("width"), 1, limits::kMaxSteps);
      const std::vector<float> amp = valuesField(f, "amplitude", ctx, r ? &pulse : nullptr);
      spend(ctx, index(gpath, k), static_cast<double>(rowsWritten(start, start + width, 1, T)) * static_cast<double>(W));
      if (!ctx.dry) addRows(out.data(), amp.data(), W, start, start + width, 1, T);
      if (r) r->push_back(std::move(pulse));
    }
    return out;
  }
  Fields f(g, gpath, info->fields, r);
  for (const FieldInfo& field : info->fields)
    if (field.absent_kind == Absent::Required && !f.given(field.name))
      fail(Kind::Invalid, f.at(field.name), f.at(field.name) + (kind == "delta" ? " (the input to differentiate)" : "") + " is required");
  if (kind == "constant") {
    constant = true;
    return valuesField(f, "value", ctx, r);
  }
  if (kind == "step") {
    const auto [start, stop] = span(f, gpath, T);
    std::vector<float> out = allocate(ctx, gpath);
    const std::vector<float> amp = valuesField(f, "amplitude", ctx, r);
    spend(ctx, gpath, static_cast<double>(rowsWritten(start, stop, 1, T)) * static_cast<double>(W));
    if (!ctx.dry) addRows(out.data(), amp.data(), W, start, stop, 1, T);
    return out;
  }
  if (kind == "periodic") {
    const std::size_t period = readCount(f.get("period"), f.at("period"), 1, limits::kMaxSteps);
    const auto [start, stop] = span(f, gpath, T);
    const std::vector<float> amp = valuesField(f, "amplitude", ctx, r);
    std::vector<float> out = allocate(ctx, gpath);
    spend(ctx, gpath, static_cast<double>(rowsWritten(start, stop, period, T)) * static_cast<double>(W));
    if (!ctx.dry) addRows(out.data(), amp.data(), W, start, stop, period, T);
    return out;
  }
  if (kind == "sine") {
    const float period = floatField(f, "period");
    if (!(period > 0.0f))
      fail(Kind::Range, f.at("period"), f.at("period") + " must be > 0 (rows per cycle), got " + formatFloat32(period));
    const float phase = floatField(f, "phase");
    const auto [start, stop] = span(f, gpath, T);
    const std::vector<float> amplitude = valuesField(f, "amplitude", ctx, r);
    const std::vector<float> offset = valuesField(f, "offset", ctx, r);
    std::vector<float> out = allocate(ctx, gpath);
    if (!ctx.dry) sineRows(out.data(), amplitude.data(), offset.data(), W, period, phase, start, stop, T);
    return out;
  }
  if (kind == "ramp") {
    const auto [start, stop] = span(f, gpath, T - 1);
    const std::vector<float> from = valuesField(f, "from", ctx, r);
    const std::vector<float> to = valuesField(f, "to", ctx, r);
    std::vector<float> out = allocate(ctx, gpath);
    if (!ctx.dry) rampRows(out.data(), from.data(), to.data(), W, start, stop, T);
    return out;
  }
  if (kind == "noise") {
    const float lo = floatField(f, "low"), hi = floatField(f, "high");
    if (!(lo <= hi))
      fail(Kind::Range, gpath, gpath + ": low (" + formatFloat32(lo) + ") must be <= high (" + formatFloat32(hi) + ")");
    const std::uint64_t seed = takeSeed(f, ctx);
    Pcg32 rng(seed, takeStream(f, ctx));
    std::vector<float> out = allocate(ctx, gpath);
    spend(ctx, gpath, static_cast<double>(T) * static_cast<double>(W));
    for (float& v : out) v = rng.uniform(lo, hi);
    return out;
  }
  if (kind == "rate") {
    const int given = int(f.given("values")) + int(f.given("p")) + int(f.given("of"));
    if (given != 1)
      fail(Kind::Invalid, gpath, gpath + " needs exactly one of values (or p: firing probabilities) and of (a time-varying input)");
    RateOptions opt;
    opt.gain = floatField(f, "gain");
    opt.offset = floatField(f, "offset");
    opt.first_spike_time = readCount(f.get("first_spike_time"), f.at("first_spike_time"), 0, T - 1);
    const std::uint64_t seed = takeSeed(f, ctx);
    // The stream is taken before any stream of its values or series; the generator's seed folds it in.
    opt.seed = seed * 0x9E3779B97F4A7C15ULL + takeStream(f, ctx);
    std::vector<float> out;
    if (f.given("of")) {
      const std::vector<float> series = buildRows(f.get("of"), f.at("of"), ctx, r ? &(*r)["of"] : nullptr);
      // Its output (first_spike_time silent rows first) and a draw for every value of the series.
      const double values = static_cast<double>(T) * static_cast<double>(W);
      reserveValues(ctx, gpath, values + static_cast<double>(opt.first_spike_time) * W);
      spend(ctx, gpath, values);
      if (!ctx.dry) {
        out = encodeAt(gpath, "rate", [&] { return rateEncodeTimeVarying(series, W, opt); });
        out.resize(T * W);  // snnTorch prepends first_spike_time silent rows; the run keeps its num_steps
      }
    } else {
      const char* key = f.given("p") ? "p" : "values";
      const std::vector<float> p = valuesField(f, key, ctx, r);
      reserveValues(ctx, gpath, static_cast<double>(T) * static_cast<double>(W));  // its output, a draw a value
      spend(ctx, gpath, static_cast<double>(T) * static_cast<double>(W));
      if (ctx.dry) {
        // The probabilities are checked as the encoder checks them, on one step.
        RateOptions one = opt;
        one.first_spike_time = 0;
        (void)encodeAt(gpath, "rate", [&] { return rateEncode(p, 1, one); });
      } else {
        out = encodeAt(gpath, "rate", [&] { return rateEncode(p, T, opt); });
      }
    }
    const float a = floatField(f, "amplitude");
    if (f.given("amplitude")) {
      spend(ctx, gpath, static_cast<double>(T) * static_cast<double>(W));
      for (float& v : out) v = v * a;
    }
    return out;
  }
  if (kind == "latency") {
    LatencyOptions opt;
    opt.tau = floatField(f, "tau");
    opt.threshold = floatField(f, "threshold");
    opt.first_spike_time = floatField(f, "first_spike_time");
    opt.on_target = floatField(f, "on_target");
    opt.off_target = floatField(f, "off_target");
    opt.epsilon = floatField(f, "epsilon");
    opt.clip = boolField(f, "clip");
    opt.normalize = boolField(f, "normalize");
    opt.linear = boolField(f, "linear");
    opt.bypass = boolField(f, "bypass");
    const std::vector<float> values = valuesField(f, "values", ctx, r);
    reserveValues(ctx, gpath, static_cast<double>(T) * static_cast<double>(W));  // its output
    // Checking, it still encodes: its rules depend on num_steps, and its work is one spike a value.
    std::vector<float> spikes = encodeAt(gpath, "latency", [&] { return latencyEncode(values, T, opt).spikes; });
    if (ctx.dry) return {};
    return spikes;
  }
  // delta
  DeltaOptions opt;
  opt.threshold = floatField(f, "threshold");
  opt.padding = boolField(f, "padding");
  opt.off_spike = boolField(f, "off_spike");
  const std::vector<float> series = buildRows(f.get("of"), f.at("of"), ctx, r ? &(*r)["of"] : nullptr);
  const double values = static_cast<double>(T) * static_cast<double>(W);
  reserveValues(ctx, gpath, values);  // its output, a difference a value
  spend(ctx, gpath, values);
  if (ctx.dry) return {};
  return encodeAt(gpath, "delta", [&] { return deltaEncode(series, W, opt); });
}

}  // namespace

MaterialisedInput materialiseInput(const json& spec, const std::string& path, const InputShape& shape,
                                   std::uint64_t seed, json* resolved, bool check_only) {
  Context ctx{shape, seed};
  ctx.dry = check_only;
  MaterialisedInput out;
  out.data = build(spec, path, ctx, out.constant, resolved);
  // Sums and amplitudes can overflow float32 even when every number given fits.
  for (std::size_t i = 0; i < out.data.size(); ++i)
    if (!std::isfinite(out.data[i])) {
      const std::size_t row = shape.rowSize();
      fail(Kind::Range, path,
           path + " overflows float32 at row " + std::to_string(out.constant ? 0 : i / row) + ", value " +
               std::to_string(i % row) + " (" + formatNumber(out.data[i]) + "); use smaller values");
    }
  return out;
}

bool explicitInputExtent(const json& spec, bool network, std::size_t& steps, std::size_t& batch, std::size_t& width) {
  if (!spec.is_array()) return false;
  steps = spec.size();
  batch = 1;
  width = 1;
  if (spec.empty()) return true;
  const json& row = spec[0];
  if (row.is_number()) return true;
  if (!row.is_array()) return true;  // the full read reports the error
  if (network && !row.empty() && row[0].is_array()) {
    batch = row.size();
    width = row[0].size();
  } else {
    width = row.size();
  }
  return true;
}

}  // namespace snn::detail

namespace snn {

std::vector<float> generateInput(std::string_view input_json, std::size_t steps, std::size_t width, std::size_t batch,
                                 std::uint64_t seed) {
  const detail::json spec = detail::parseJson(input_json.data(), input_json.data() + input_json.size(), "input");
  return detail::generateRows(spec, steps, width, batch, seed);
}

namespace detail {

std::vector<float> generateRows(const json& spec, std::size_t steps, std::size_t width, std::size_t batch, std::uint64_t seed) {
  if (steps < 1 || steps > limits::kMaxSteps)
    fail(Kind::Range, "num_steps", "num_steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + std::to_string(steps));
  if (width < 1 || batch < 1 || static_cast<double>(width) * batch > static_cast<double>(limits::kMaxNeurons))
    fail(Kind::Range, "input", "input width must be 1.." + std::to_string(limits::kMaxNeurons) + " values per step, got " +
                                   std::to_string(width) + " x batch " + std::to_string(batch));
  const double values = static_cast<double>(width) * batch * steps;
  if (values > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "input", "the input would hold " + formatNumber(values) + " values, over the limit of " +
                                   std::to_string(limits::kMaxTraceValues));
  checkMemory(4 * values, "input", "this input");
  InputShape shape;
  shape.steps = steps;
  shape.batch = batch;
  shape.width = width;
  shape.network = batch > 1;
  MaterialisedInput in = materialiseInput(spec, "input", shape, seed);
  if (in.constant) {
    std::vector<float> full(steps * in.data.size());
    for (std::size_t t = 0; t < steps; ++t) std::copy(in.data.begin(), in.data.end(), full.begin() + t * in.data.size());
    return full;
  }
  return std::move(in.data);
}

}  // namespace detail

}  // namespace snn
