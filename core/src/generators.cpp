// Input generators: the small vocabulary a figure or a teacher uses to describe an input without writing
// out every row. Each generator draws from its own PCG32 stream, so adding one generator to a `sum` does
// not change the spikes of another.
#include "generators.hpp"

#include <algorithm>
#include <cmath>

#include "snn/encoders.hpp"
#include "snn/limits.hpp"
#include "snn/rng.hpp"

namespace snn::detail {

namespace {

struct Context {
  InputShape shape;
  std::uint64_t seed;
  std::uint64_t next_stream = 1;
  int depth = 0;
  double allocated = 0;  // values allocated while generating, all levels together
};

// Nested sums and encoders each hold a [T][W] buffer while the next level builds its own; this budget
// bounds what one input may allocate in all, whatever its shape.
constexpr double kGenerationBudget = 2.0 * static_cast<double>(limits::kMaxTraceValues);

std::vector<float> allocate(Context& ctx, const std::string& path, float fill = 0.0f) {
  const double n = static_cast<double>(ctx.shape.steps) * static_cast<double>(ctx.shape.rowSize());
  ctx.allocated += n;
  if (ctx.allocated > kGenerationBudget)
    fail(Kind::Limit, path,
         path + ": generating this input would allocate " + formatNumber(ctx.allocated) + " values in all, over the budget of " +
             formatNumber(kGenerationBudget) + "; nest fewer generators or use fewer steps");
  return std::vector<float>(static_cast<std::size_t>(n), fill);
}

constexpr int kMaxNesting = 16;  // sum / of nest this deep at most: a hostile scenario cannot exhaust the stack

std::vector<float> build(const json& spec, const std::string& path, Context& ctx, bool& constant);

// Per-element values for one step: a number (all elements), [width] (same for every batch row),
// [batch][width], or {"uniform": [low, high]} drawn once per element.
std::vector<float> readValues(const json& j, const std::string& path, Context& ctx) {
  const InputShape& s = ctx.shape;
  std::vector<float> out(s.rowSize());
  if (j.is_number()) {
    std::fill(out.begin(), out.end(), readFloat(j, path));
    return out;
  }
  if (j.is_object()) {
    checkKeys(j, path, {"uniform", "seed"});
    if (!j.contains("uniform"))
      fail(Kind::Type, path, path + " must be a number, an array, or {\"uniform\": [low, high]}, got an object without \"uniform\"");
    const json& u = j.at("uniform");
    const std::string upath = join(path, "uniform");
    if (!u.is_array() || u.size() != 2)
      fail(Kind::Type, upath, upath + " must be [low, high], got " + describe(u));
    const float lo = readFloat(u[0], index(upath, 0)), hi = readFloat(u[1], index(upath, 1));
    if (!(lo <= hi))
      fail(Kind::Range, upath, upath + ": low (" + formatFloat32(lo) + ") must be <= high (" + formatFloat32(hi) + ")");
    Pcg32 rng(j.contains("seed") ? readSeed(j.at("seed"), join(path, "seed")) : ctx.seed, ctx.next_stream++);
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

std::size_t readStep(const json& obj, const char* key, const std::string& path, std::size_t fallback,
                     std::size_t max) {
  return obj.contains(key) ? readCount(obj.at(key), join(path, key), 0, max) : fallback;
}

float readFloatOr(const json& obj, const char* key, const std::string& path, float fallback) {
  return obj.contains(key) ? readFloat(obj.at(key), join(path, key)) : fallback;
}

bool readBoolOr(const json& obj, const char* key, const std::string& path, bool fallback) {
  return obj.contains(key) ? readBool(obj.at(key), join(path, key)) : fallback;
}

std::uint64_t streamSeed(const json& obj, const std::string& path, const Context& ctx) {
  return obj.contains("seed") ? readSeed(obj.at("seed"), join(path, "seed")) : ctx.seed;
}

std::vector<float> explicitArray(const json& j, const std::string& path, const InputShape& s) {
  if (j.size() != s.steps)
    fail(Kind::Type, path,
         path + " has " + std::to_string(j.size()) + " rows, expected " + std::to_string(s.steps) + " (num_steps)");
  std::vector<float> out(s.steps * s.rowSize());
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

// Fills rows [start, stop) with `values`.
void fillRows(std::vector<float>& out, const std::vector<float>& values, std::size_t start, std::size_t stop,
              std::size_t period, const InputShape& s) {
  for (std::size_t t = start; t < stop && t < s.steps; t += period)
    for (std::size_t j = 0; j < values.size(); ++j) out[t * values.size() + j] += values[j];
}

// An input as full [T][W] rows (a constant is repeated), for encoders that read a time series.
std::vector<float> buildRows(const json& spec, const std::string& path, Context& ctx) {
  bool constant = false;
  std::vector<float> rows = build(spec, path, ctx, constant);
  if (!constant) return rows;
  std::vector<float> full = allocate(ctx, path);
  for (std::size_t t = 0; t < ctx.shape.steps; ++t) std::copy(rows.begin(), rows.end(), full.begin() + t * rows.size());
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

std::vector<float> build(const json& spec, const std::string& path, Context& ctx, bool& constant) {
  const InputShape& s = ctx.shape;
  constant = false;
  if (spec.is_array()) return explicitArray(spec, path, s);
  struct DepthGuard {
    int& d;
    ~DepthGuard() { --d; }
  } guard{++ctx.depth};
  if (ctx.depth > kMaxNesting)
    fail(Kind::Limit, path, path + " nests generators more than " + std::to_string(kMaxNesting) + " levels deep");
  if (!spec.is_object() || spec.size() != 1)
    fail(Kind::Type, path,
         path + " must be an array of rows or a generator object with one key (constant, step, pulses, periodic, "
                "noise, rate, latency, delta, sum), got " + describe(spec));
  const std::string kind = spec.begin().key();
  const json& g = spec.begin().value();
  const std::string gpath = join(path, kind);
  const std::size_t T = s.steps;
  const std::size_t W = s.rowSize();

  if (kind == "sum") {
    if (!g.is_array() || g.empty())
      fail(Kind::Type, gpath, gpath + " must be a non-empty array of inputs, got " + describe(g));
    std::vector<float> total = allocate(ctx, gpath);
    for (std::size_t k = 0; k < g.size(); ++k) {
      bool c = false;
      const std::vector<float> part = build(g[k], index(gpath, k), ctx, c);
      for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < W; ++j) total[t * W + j] += part[(c ? 0 : t * W) + j];
    }
    return total;
  }
  if (kind == "pulses") {
    if (!g.is_array()) fail(Kind::Type, gpath, gpath + " must be an array of {start, width, amplitude}, got " + describe(g));
    std::vector<float> out = allocate(ctx, gpath);
    for (std::size_t k = 0; k < g.size(); ++k) {
      const std::string ppath = index(gpath, k);
      requireObject(g[k], ppath);
      checkKeys(g[k], ppath, {"start", "width", "amplitude"});
      if (!g[k].contains("start")) fail(Kind::Invalid, join(ppath, "start"), join(ppath, "start") + " is required");
      const std::size_t start = readStep(g[k], "start", ppath, 0, limits::kMaxSteps);
      const std::size_t width =
          g[k].contains("width") ? readCount(g[k].at("width"), join(ppath, "width"), 1, limits::kMaxSteps) : 1;
      const std::vector<float> amp =
          g[k].contains("amplitude") ? readValues(g[k].at("amplitude"), join(ppath, "amplitude"), ctx)
                                     : std::vector<float>(W, 1.0f);
      fillRows(out, amp, start, start + width, 1, s);
    }
    return out;
  }
  requireObject(g, gpath);
  if (kind == "constant") {
    checkKeys(g, gpath, {"value"});
    if (!g.contains("value")) fail(Kind::Invalid, join(gpath, "value"), join(gpath, "value") + " is required");
    constant = true;
    return readValues(g.at("value"), join(gpath, "value"), ctx);
  }
  if (kind == "step") {
    checkKeys(g, gpath, {"amplitude", "start", "stop"});
    if (!g.contains("amplitude")) fail(Kind::Invalid, join(gpath, "amplitude"), join(gpath, "amplitude") + " is required");
    const std::size_t start = readStep(g, "start", gpath, 0, limits::kMaxSteps);
    const std::size_t stop = readStep(g, "stop", gpath, T, limits::kMaxSteps);
    if (start > stop)
      fail(Kind::Range, join(gpath, "start"),
           gpath + ": start (" + std::to_string(start) + ") must be <= stop (" + std::to_string(stop) + ")");
    std::vector<float> out = allocate(ctx, gpath);
    fillRows(out, readValues(g.at("amplitude"), join(gpath, "amplitude"), ctx), start, stop, 1, s);
    return out;
  }
  if (kind == "periodic") {
    checkKeys(g, gpath, {"amplitude", "period", "start", "stop"});
    if (!g.contains("period")) fail(Kind::Invalid, join(gpath, "period"), join(gpath, "period") + " is required");
    const std::size_t period = readCount(g.at("period"), join(gpath, "period"), 1, limits::kMaxSteps);
    const std::size_t start = readStep(g, "start", gpath, 0, limits::kMaxSteps);
    const std::size_t stop = readStep(g, "stop", gpath, T, limits::kMaxSteps);
    if (start > stop)
      fail(Kind::Range, join(gpath, "start"),
           gpath + ": start (" + std::to_string(start) + ") must be <= stop (" + std::to_string(stop) + ")");
    const std::vector<float> amp = g.contains("amplitude")
                                       ? readValues(g.at("amplitude"), join(gpath, "amplitude"), ctx)
                                       : std::vector<float>(W, 1.0f);
    std::vector<float> out = allocate(ctx, gpath);
    fillRows(out, amp, start, stop, period, s);
    return out;
  }
  if (kind == "noise") {
    checkKeys(g, gpath, {"low", "high", "seed"});
    const float lo = readFloatOr(g, "low", gpath, 0.0f), hi = readFloatOr(g, "high", gpath, 1.0f);
    if (!(lo <= hi))
      fail(Kind::Range, gpath, gpath + ": low (" + formatFloat32(lo) + ") must be <= high (" + formatFloat32(hi) + ")");
    Pcg32 rng(streamSeed(g, gpath, ctx), ctx.next_stream++);
    std::vector<float> out = allocate(ctx, gpath);
    for (float& v : out) v = rng.uniform(lo, hi);
    return out;
  }
  if (kind == "rate") {
    checkKeys(g, gpath, {"values", "p", "of", "gain", "offset", "first_spike_time", "amplitude", "seed"});
    const int given = int(g.contains("values")) + int(g.contains("p")) + int(g.contains("of"));
    if (given != 1)
      fail(Kind::Invalid, gpath, gpath + " needs exactly one of values (or p: firing probabilities) and of (a time-varying input)");
    RateOptions opt;
    opt.gain = readFloatOr(g, "gain", gpath, 1.0f);
    opt.offset = readFloatOr(g, "offset", gpath, 0.0f);
    opt.first_spike_time = readStep(g, "first_spike_time", gpath, 0, T - 1);
    opt.seed = streamSeed(g, gpath, ctx);
    const std::uint64_t stream = ctx.next_stream++;
    opt.seed = opt.seed * 0x9E3779B97F4A7C15ULL + stream;  // a distinct stream per generator
    std::vector<float> out;
    if (g.contains("of")) {
      const std::vector<float> series = buildRows(g.at("of"), join(gpath, "of"), ctx);
      out = encodeAt(gpath, "rate", [&] { return rateEncodeTimeVarying(series, W, opt); });
      out.resize(T * W);  // snnTorch prepends first_spike_time silent rows; the run keeps its num_steps
    } else {
      const char* key = g.contains("p") ? "p" : "values";
      const std::vector<float> p = readValues(g.at(key), join(gpath, key), ctx);
      out = encodeAt(gpath, "rate", [&] { return rateEncode(p, T, opt); });
    }
    if (g.contains("amplitude")) {
      const float a = readFloat(g.at("amplitude"), join(gpath, "amplitude"));
      for (float& v : out) v = v * a;
    }
    return out;
  }
  if (kind == "latency") {
    checkKeys(g, gpath, {"values", "tau", "threshold", "first_spike_time", "on_target", "off_target", "clip",
                         "normalize", "linear", "bypass", "epsilon"});
    if (!g.contains("values")) fail(Kind::Invalid, join(gpath, "values"), join(gpath, "values") + " is required");
    LatencyOptions opt;
    opt.tau = readFloatOr(g, "tau", gpath, opt.tau);
    opt.threshold = readFloatOr(g, "threshold", gpath, opt.threshold);
    opt.first_spike_time = readFloatOr(g, "first_spike_time", gpath, opt.first_spike_time);
    opt.on_target = readFloatOr(g, "on_target", gpath, opt.on_target);
    opt.off_target = readFloatOr(g, "off_target", gpath, opt.off_target);
    opt.epsilon = readFloatOr(g, "epsilon", gpath, opt.epsilon);
    opt.clip = readBoolOr(g, "clip", gpath, false);
    opt.normalize = readBoolOr(g, "normalize", gpath, false);
    opt.linear = readBoolOr(g, "linear", gpath, false);
    opt.bypass = readBoolOr(g, "bypass", gpath, false);
    const std::vector<float> values = readValues(g.at("values"), join(gpath, "values"), ctx);
    return encodeAt(gpath, "latency", [&] { return latencyEncode(values, T, opt).spikes; });
  }
  if (kind == "delta") {
    checkKeys(g, gpath, {"of", "threshold", "padding", "off_spike"});
    if (!g.contains("of")) fail(Kind::Invalid, join(gpath, "of"), join(gpath, "of") + " (the input to differentiate) is required");
    DeltaOptions opt;
    opt.threshold = readFloatOr(g, "threshold", gpath, opt.threshold);
    opt.padding = readBoolOr(g, "padding", gpath, false);
    opt.off_spike = readBoolOr(g, "off_spike", gpath, false);
    const std::vector<float> series = buildRows(g.at("of"), join(gpath, "of"), ctx);
    return encodeAt(gpath, "delta", [&] { return deltaEncode(series, W, opt); });
  }
  fail(Kind::Invalid, gpath,
       "unknown input generator '" + kind +
           "' (accepted: constant, step, pulses, periodic, noise, rate, latency, delta, sum, or an explicit array)");
}

}  // namespace

MaterialisedInput materialiseInput(const json& spec, const std::string& path, const InputShape& shape,
                                   std::uint64_t seed) {
  Context ctx{shape, seed};
  MaterialisedInput out;
  out.data = build(spec, path, ctx, out.constant);
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
