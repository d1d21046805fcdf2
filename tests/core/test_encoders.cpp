// spikegen (rate, latency, delta) against golden/spikegen.json and the contracts in encoders.hpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "snn/encoders.hpp"
#include "snn/error.hpp"
#include "snn/rng.hpp"
#include "support.hpp"

using nlohmann::json;
using snn::ScenarioError;
using snn::test::bitsOf;
using snn::test::firstBitMismatch;
using snn::test::flatFloats;
using snn::test::goldenFile;

namespace {

const json& spikegen() { return goldenFile("spikegen.json"); }

const json& findCase(const char* group, const std::string& name) {
  for (const auto& c : spikegen().at(group))
    if (c.at("name") == name) return c;
  throw std::runtime_error(std::string("no golden ") + group + " case " + name);
}

// Distance in representable float32 values (same sign assumed: spike times are >= 0).
std::int64_t ulpDistance(float a, float b) {
  const auto key = [](float f) {
    const std::int64_t u = bitsOf(f);
    return (u & 0x80000000) ? -(u & 0x7fffffff) : u;
  };
  const std::int64_t d = key(a) - key(b);
  return d < 0 ? -d : d;
}

std::size_t product(const json& shape, std::size_t from) {
  std::size_t n = 1;
  for (std::size_t i = from; i < shape.size(); ++i) n *= shape[i].get<std::size_t>();
  return n;
}

struct LatencyCall {
  std::size_t num_steps = 0;
  snn::LatencyOptions options;
  bool interpolate = false;
};

// Golden kwargs -> our call. An unknown key fails the test rather than being silently ignored.
LatencyCall latencyCallFrom(const json& kwargs) {
  LatencyCall call;
  for (const auto& [key, value] : kwargs.items()) {
    auto& o = call.options;
    if (key == "num_steps") call.num_steps = value.is_boolean() ? 0 : value.get<std::size_t>();
    else if (key == "threshold") o.threshold = static_cast<float>(value.get<double>());
    else if (key == "tau") o.tau = static_cast<float>(value.get<double>());
    else if (key == "first_spike_time") o.first_spike_time = static_cast<float>(value.get<double>());
    else if (key == "on_target") o.on_target = static_cast<float>(value.get<double>());
    else if (key == "off_target") o.off_target = static_cast<float>(value.get<double>());
    else if (key == "epsilon") o.epsilon = static_cast<float>(value.get<double>());
    else if (key == "clip") o.clip = value.get<bool>();
    else if (key == "normalize") o.normalize = value.get<bool>();
    else if (key == "linear") o.linear = value.get<bool>();
    else if (key == "bypass") o.bypass = value.get<bool>();
    else if (key == "interpolate") call.interpolate = value.get<bool>();
    else FAIL("unknown latency kwarg " << key);
  }
  return call;
}

// For each element, the first row holding on_target, or -1.
std::vector<long> spikeRows(const std::vector<float>& spikes, std::size_t elements, float on_target) {
  std::vector<long> rows(elements, -1);
  const std::size_t steps = elements ? spikes.size() / elements : 0;
  for (std::size_t e = 0; e < elements; ++e)
    for (std::size_t t = 0; t < steps; ++t)
      if (bitsOf(spikes[t * elements + e]) == bitsOf(on_target)) {
        rows[e] = static_cast<long>(t);
        break;
      }
  return rows;
}

template <typename Fn>
ScenarioError catchScenarioError(Fn&& fn) {
  try {
    fn();
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("expected snn::ScenarioError, nothing was thrown");
  throw std::logic_error("unreachable");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// p exactly as the header documents it: clamp(data*gain + offset, 0, 1), one float32 rounding per op.
float rateProbability(float value, float gain, float offset) {
  const float scaled = value * gain;
  const float p = scaled + offset;
  return p < 0.0f ? 0.0f : (p > 1.0f ? 1.0f : p);
}

// Checks one [steps][E] Bernoulli train against per-element probabilities, rows >= first only.
void checkRateStatistics(const std::vector<float>& spikes, std::size_t elements, std::size_t first,
                         const std::vector<float>& p, const std::vector<double>& std_error) {
  const std::size_t steps = spikes.size() / elements;
  REQUIRE(steps > first);
  for (std::size_t e = 0; e < elements; ++e) {
    INFO("element " << e << ", p = " << p[e]);
    std::size_t fired = 0, not_binary = 0, early = 0;
    for (std::size_t t = 0; t < steps; ++t) {
      const float s = spikes[t * elements + e];
      if (bitsOf(s) != bitsOf(0.0f) && bitsOf(s) != bitsOf(1.0f)) ++not_binary;  // exactly {0, 1}, no -0
      if (t < first) early += s != 0.0f;
      else if (s == 1.0f) ++fired;
    }
    REQUIRE(not_binary == 0);
    REQUIRE(early == 0);
    const std::size_t n = steps - first;
    const double rate = static_cast<double>(fired) / static_cast<double>(n);
    INFO("empirical rate " << rate << " over " << n << " steps");
    if (p[e] <= 0.0f) {
      REQUIRE(fired == 0);
    } else if (p[e] >= 1.0f) {
      REQUIRE(fired == n);
    } else {
      const double se = std_error.empty() ? std::sqrt(p[e] * (1.0 - p[e]) / static_cast<double>(n)) : std_error[e];
      REQUIRE(se > 0.0);
      CHECK(std::fabs(rate - static_cast<double>(p[e])) < 5.0 * se);
    }
  }
}

}  // namespace

// ------------------------------------------------------------------------------------------------ latency

TEST_CASE("latency matches every golden case", "[encoders][latency][golden]") {
  const json& cases = spikegen().at("latency");
  REQUIRE(cases.size() >= 17);
  std::size_t compared = 0, raised = 0, interpolate_only = 0;
  std::int64_t worst_ulp = 0;

  for (const auto& c : cases) {
    const std::string name = c.at("name");
    INFO("latency case " << name);
    const LatencyCall call = latencyCallFrom(c.at("kwargs"));
    const std::vector<float> data = flatFloats(c.at("data"));
    const std::size_t elements = product(c.at("data_shape"), 0);
    REQUIRE(data.size() == elements);

    if (c.value("raises", false)) {
      const ScenarioError e = catchScenarioError([&] { snn::latencyEncode(data, call.num_steps, call.options); });
      INFO("message: " << e.what());
      CHECK(e.kind() == ScenarioError::Kind::Range);
      CHECK(e.field() == "latency.num_steps");
      CHECK(contains(e.what(), "num_steps"));
      // snnTorch's text carries round(max spike time) as "[12]": our message must name the same row.
      std::smatch m;
      const std::string golden_error = c.at("error");
      REQUIRE(std::regex_search(golden_error, m, std::regex(R"(\[(\d+)\])")));
      CHECK(contains(e.what(), "(row " + m[1].str() + ")"));
      CHECK(contains(e.what(), "got num_steps = " + std::to_string(call.num_steps)));
      ++raised;
      continue;
    }

    const snn::LatencyResult r = snn::latencyEncode(data, call.num_steps, call.options);

    // Spike times: the golden is the pre-rounding float32 value. They are all bit-exact today; 2 ulp is the
    // contract so that a platform log differing by an ulp does not break the test.
    const std::vector<float> want_t = flatFloats(c.at("spike_time_float"));
    REQUIRE(r.spike_time.size() == want_t.size());
    for (std::size_t i = 0; i < want_t.size(); ++i) {
      INFO("element " << i << ": got " << r.spike_time[i] << ", want " << want_t[i]);
      const std::int64_t d = ulpDistance(r.spike_time[i], want_t[i]);
      if (d > worst_ulp) worst_ulp = d;
      CHECK(d <= 2);
    }

    if (call.interpolate) {
      // latency_interpolate is out of scope: only its spike times (shared with the plain code) are checked.
      ++interpolate_only;
      continue;
    }

    const std::vector<float> want = flatFloats(c.at("output"));
    REQUIRE(r.num_steps == c.at("output_shape").at(0).get<std::size_t>());
    REQUIRE(r.spikes.size() == want.size());
    const long bad = firstBitMismatch(r.spikes, want);
    INFO("first mismatch at flat index " << bad);
    CHECK(bad == -1);

    const auto want_rows = c.at("spike_row_per_element_flat").get<std::vector<long>>();
    CHECK(spikeRows(r.spikes, elements, call.options.on_target) == want_rows);
    ++compared;
  }

  INFO("worst spike-time distance " << worst_ulp << " ulp");
  CHECK(worst_ulp == 0);  // informative: the implementation reproduces torch bit for bit today
  CHECK(raised == 2);
  CHECK(interpolate_only <= 1);
  CHECK(compared + raised + interpolate_only == cases.size());
}

TEST_CASE("latency rounds half to even", "[encoders][latency][rounding]") {
  for (const char* name : {"linear_tau5_half_rounding", "linear_tau3_half_rounding"}) {
    INFO("case " << name);
    const json& c = findCase("latency", name);
    const LatencyCall call = latencyCallFrom(c.at("kwargs"));
    const snn::LatencyResult r = snn::latencyEncode(flatFloats(c.at("data")), call.num_steps, call.options);
    const auto want_rows = c.at("spike_row_per_element_flat").get<std::vector<long>>();
    const auto rows = spikeRows(r.spikes, r.spike_time.size(), 1.0f);
    REQUIRE(rows == want_rows);
    std::size_t ties = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const float t = r.spike_time[i];
      if (t - std::floor(t) == 0.5f) {
        ++ties;
        const long even = static_cast<long>(std::floor(t)) % 2 == 0 ? static_cast<long>(std::floor(t))
                                                                    : static_cast<long>(std::floor(t)) + 1;
        INFO("tie at t = " << t);
        CHECK(rows[i] == even);
      }
    }
    if (std::string(name) == "linear_tau5_half_rounding") CHECK(ties == 4);  // 2.5, 1.5, 3.5, 4.5
  }

  SECTION("hand-made ties: 0.5 -> 0, 2.5 -> 2") {
    snn::LatencyOptions o;
    o.linear = true;
    o.tau = 1.0f;
    // tau = 1: d = 0.5 gives exactly 0.5, the smallest tie; half to even puts it on row 0, std::round on 1.
    const snn::LatencyResult r = snn::latencyEncode({0.5f}, 3, o);
    REQUIRE(r.spike_time[0] == 0.5f);
    CHECK(r.spikes[0] == 1.0f);
    CHECK(r.spikes[1] == 0.0f);
    o.tau = 5.0f;
    const snn::LatencyResult r5 = snn::latencyEncode({0.5f}, 10, o);
    REQUIRE(r5.spike_time[0] == 2.5f);
    CHECK(spikeRows(r5.spikes, 1, 1.0f) == std::vector<long>{2});
  }
}

TEST_CASE("latency bypass with num_steps drops late spikes instead of raising", "[encoders][latency]") {
  // Derived from the golden bypass case: same kwargs, but num_steps = 10 given.
  const json& c = findCase("latency", "log_tau1_bypass");
  LatencyCall call = latencyCallFrom(c.at("kwargs"));
  const std::vector<float> data = flatFloats(c.at("data"));
  const auto golden_rows = c.at("spike_row_per_element_flat").get<std::vector<long>>();
  REQUIRE(call.options.bypass);
  call.num_steps = 10;
  const snn::LatencyResult r = snn::latencyEncode(data, call.num_steps, call.options);
  REQUIRE(r.num_steps == 10);
  REQUIRE(r.spikes.size() == 10 * data.size());
  std::vector<long> want;
  for (long row : golden_rows) want.push_back(row > 9 ? -1 : row);
  REQUIRE(want != golden_rows);  // the case really has late spikes to drop
  CHECK(spikeRows(r.spikes, data.size(), 1.0f) == want);

  SECTION("without bypass the same call raises") {
    call.options.bypass = false;
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode(data, 10, call.options); });
    CHECK(e.field() == "latency.num_steps");
    CHECK(contains(e.what(), "num_steps"));
  }
}

TEST_CASE("latency refuses data outside [0, 1] and names the element", "[encoders][latency][errors]") {
  snn::LatencyOptions o;
  o.tau = 5.0f;
  SECTION("above 1") {
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode({0.2f, 0.5f, 0.1f, 1.5f}, 100, o); });
    CHECK(e.kind() == ScenarioError::Kind::Range);
    CHECK(e.field() == "latency.data[3]");
    CHECK(std::string(e.what()) == "latency: data[3] must be in [0, 1], got 1.5");
  }
  SECTION("below 0") {
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode({-0.25f, 0.5f}, 100, o); });
    CHECK(e.field() == "latency.data[0]");
    CHECK(std::string(e.what()) == "latency: data[0] must be in [0, 1], got -0.25");
  }
  SECTION("NaN") {
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode({0.5f, NAN}, 100, o); });
    CHECK(e.field() == "latency.data[1]");
    CHECK(contains(e.what(), "NaN"));
  }
  SECTION("the bounds themselves are allowed") {
    CHECK_NOTHROW(snn::latencyEncode({0.0f, 1.0f}, 100, o));
  }
}

TEST_CASE("latency refuses bad options with the field, the range and the value", "[encoders][latency][errors]") {
  const std::vector<float> data{0.1f, 0.5f, 0.9f};
  snn::LatencyOptions o;
  o.tau = 5.0f;
  auto expect = [&](std::size_t steps, const snn::LatencyOptions& opts, const std::string& field,
                    const std::string& needle) {
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode(data, steps, opts); });
    INFO("message: " << e.what());
    CHECK(e.field() == field);
    CHECK(contains(e.what(), needle));
  };
  SECTION("threshold") {
    o.threshold = 0.0f;
    expect(100, o, "latency.threshold", "got 0");
    o.threshold = 1.0f;
    expect(100, o, "latency.threshold", "(0, 1)");
  }
  SECTION("tau") {
    o.tau = 0.0f;
    expect(100, o, "latency.tau", "got 0");
  }
  SECTION("num_steps missing without bypass") { expect(0, o, "latency.num_steps", "bypass"); }
  SECTION("num_steps missing with normalize") {
    o.bypass = true;
    o.normalize = true;
    expect(0, o, "latency.num_steps", "normalize");
  }
  SECTION("first_spike_time past the last step") {
    o.first_spike_time = 10.0f;
    expect(10, o, "latency.first_spike_time", "[0, 9], got 10");
  }
  SECTION("epsilon that cannot lift data above the threshold") {
    o.epsilon = 0.0f;
    expect(100, o, "latency.epsilon", "got 0");
  }
  SECTION("normalize with every spike time on first_spike_time") {
    // threshold 1e-8: 1 - 1e-8 rounds to 1 in float32, so ln(1/1) = 0 for every element and torch would
    // divide 0 by 0.
    o.threshold = 1e-8f;
    o.normalize = true;
    const ScenarioError e = catchScenarioError([&] { snn::latencyEncode({1.0f, 1.0f}, 10, o); });
    CHECK(e.field() == "latency.normalize");
    CHECK(e.kind() == ScenarioError::Kind::Invalid);
  }
}

TEST_CASE("latency bypass without num_steps sizes the output from the latest spike", "[encoders][latency]") {
  snn::LatencyOptions o;
  o.linear = true;
  o.tau = 5.0f;
  o.bypass = true;
  // t = 5*(1 - d): 0.3 -> 3.5 rounds to 4, so num_steps = 5.
  const snn::LatencyResult r = snn::latencyEncode({0.3f, 1.0f}, 0, o);
  REQUIRE(r.num_steps == 5);
  REQUIRE(r.spikes.size() == 10);
  CHECK(spikeRows(r.spikes, 2, 1.0f) == std::vector<long>{4, 0});
}

// ------------------------------------------------------------------------------------------------ delta

TEST_CASE("delta matches every golden case", "[encoders][delta][golden]") {
  const json& cases = spikegen().at("delta");
  REQUIRE(cases.size() == 24);
  for (const auto& c : cases) {
    const std::string name = c.at("name");
    INFO("delta case " << name);
    snn::DeltaOptions o;
    for (const auto& [key, value] : c.at("kwargs").items()) {
      if (key == "threshold") o.threshold = static_cast<float>(value.get<double>());
      else if (key == "padding") o.padding = value.get<bool>();
      else if (key == "off_spike") o.off_spike = value.get<bool>();
      else FAIL("unknown delta kwarg " << key);
    }
    const std::vector<float> data = flatFloats(c.at("data"));
    const std::size_t elements = product(c.at("data_shape"), 1);  // dim 0 is time
    const std::vector<float> want = flatFloats(c.at("output"));
    const std::vector<float> got = snn::deltaEncode(data, elements, o);
    REQUIRE(got.size() == want.size());
    const long bad = firstBitMismatch(got, want);
    INFO("first mismatch at flat index " << bad);
    CHECK(bad == -1);
  }
}

TEST_CASE("delta edge cases", "[encoders][delta]") {
  snn::DeltaOptions o;
  o.threshold = 1.0f;
  SECTION("snnTorch docstring examples") {
    o.off_spike = true;
    CHECK(snn::deltaEncode({1, 2, 0, 2, 2.9f}, 1, o) == std::vector<float>{1, 1, -1, 1, 0});
    o.padding = true;
    CHECK(snn::deltaEncode({1, 2, 0, 2, 2.9f}, 1, o) == std::vector<float>{0, 1, -1, 1, 0});
  }
  SECTION("the docstring's first example is wrong: 3 - 2.9 = 0.1 is below threshold 1") {
    // The docstring claims [1, 1, 0, 1, 0]; the code (and torch) give a 0 at row 3.
    CHECK(snn::deltaEncode({1, 2, 2.9f, 3, 3.9f}, 1, o) == std::vector<float>{1, 1, 0, 0, 0});
  }
  SECTION("a change equal to the threshold fires (>=)") {
    o.threshold = 0.5f;
    o.off_spike = true;
    CHECK(snn::deltaEncode({0.5f, 1.0f, 0.5f}, 1, o) == std::vector<float>{1, 1, -1});
  }
  SECTION("ragged data and zero elements are refused") {
    const ScenarioError ragged = catchScenarioError([&] { snn::deltaEncode({1, 2, 3}, 2, o); });
    CHECK(ragged.field() == "delta.data");
    const ScenarioError zero = catchScenarioError([&] { snn::deltaEncode({1, 2}, 0, o); });
    CHECK(zero.field() == "delta.elements");
    const ScenarioError empty = catchScenarioError([&] { snn::deltaEncode({}, 3, o); });
    CHECK(empty.field() == "delta.data");
  }
}

// ------------------------------------------------------------------------------------------------ rate

TEST_CASE("rate statistics match every golden case", "[encoders][rate][golden]") {
  const json& cases = spikegen().at("rate");
  REQUIRE(cases.size() == 4);
  for (const auto& c : cases) {
    const std::string name = c.at("name");
    INFO("rate case " << name);
    const std::vector<float> values = flatFloats(c.at("values"));
    const std::size_t elements = values.size();
    snn::RateOptions o;
    o.seed = c.at("seed").get<std::uint64_t>();
    std::size_t num_steps = 0;
    bool time_var = false;
    for (const auto& [key, value] : c.at("kwargs").items()) {
      if (key == "num_steps") num_steps = value.get<std::size_t>();
      else if (key == "gain") o.gain = static_cast<float>(value.get<double>());
      else if (key == "offset") o.offset = static_cast<float>(value.get<double>());
      else if (key == "first_spike_time") o.first_spike_time = value.get<std::size_t>();
      else if (key == "time_var_input") time_var = value.get<bool>();
      else FAIL("unknown rate kwarg " << key);
    }
    const std::size_t steps = c.at("output_shape").at(0).get<std::size_t>();
    REQUIRE(steps == 20000);

    // Our probability formula reproduces the golden's expected_p bit for bit.
    std::vector<float> p;
    for (float v : values) p.push_back(time_var ? rateProbability(v, 1.0f, 0.0f) : rateProbability(v, o.gain, o.offset));
    REQUIRE(firstBitMismatch(p, flatFloats(c.at("expected_p"))) == -1);

    std::vector<float> spikes;
    if (time_var) {
      std::vector<float> data;
      for (std::size_t t = 0; t < steps; ++t) data.insert(data.end(), values.begin(), values.end());
      spikes = snn::rateEncodeTimeVarying(data, elements, o);
    } else {
      REQUIRE(num_steps == steps);
      spikes = snn::rateEncode(values, num_steps, o);
    }
    REQUIRE(spikes.size() == steps * elements);
    std::vector<double> se;
    if (c.contains("std_error")) se = c.at("std_error").get<std::vector<double>>();
    checkRateStatistics(spikes, elements, o.first_spike_time, p, se);
  }
}

TEST_CASE("rate follows the documented PCG32 draw order exactly", "[encoders][rate]") {
  const std::vector<float> values{-0.5f, 0.0f, 0.05f, 0.3f, 0.5f, 0.75f, 1.0f, 1.5f};
  snn::RateOptions o;
  o.gain = 0.8f;
  o.offset = 0.1f;
  o.first_spike_time = 3;
  o.seed = 12345;
  const std::size_t steps = 64;
  const std::vector<float> got = snn::rateEncode(values, steps, o);
  snn::Pcg32 rng(o.seed);
  std::vector<float> want;
  for (std::size_t t = 0; t < steps; ++t)
    for (float v : values) {
      const float s = rng.nextFloat() < rateProbability(v, o.gain, o.offset) ? 1.0f : 0.0f;
      want.push_back(t < o.first_spike_time ? 0.0f : s);
    }
  CHECK(firstBitMismatch(got, want) == -1);
}

TEST_CASE("rate is deterministic per seed", "[encoders][rate][determinism]") {
  const std::vector<float> values(16, 0.5f);
  snn::RateOptions a;
  a.seed = 7;
  const std::vector<float> first = snn::rateEncode(values, 100, a);
  SECTION("same seed, same spikes") { CHECK(firstBitMismatch(snn::rateEncode(values, 100, a), first) == -1); }
  SECTION("different seed, different spikes") {
    snn::RateOptions b = a;
    b.seed = 8;
    CHECK(firstBitMismatch(snn::rateEncode(values, 100, b), first) != -1);
  }
  SECTION("first_spike_time only silences the early rows") {
    // Every row is drawn, so rows from first_spike_time on do not depend on it.
    snn::RateOptions late = a;
    late.first_spike_time = 30;
    const std::vector<float> delayed = snn::rateEncode(values, 100, late);
    for (std::size_t i = 0; i < 30 * values.size(); ++i) REQUIRE(delayed[i] == 0.0f);
    const std::vector<float> tail_first(first.begin() + 30 * 16, first.end());
    const std::vector<float> tail_delayed(delayed.begin() + 30 * 16, delayed.end());
    CHECK(firstBitMismatch(tail_delayed, tail_first) == -1);
  }
  SECTION("time-varying input draws each value as it is, in the same stream order") {
    std::vector<float> tv;
    for (int t = 0; t < 100; ++t) tv.insert(tv.end(), values.begin(), values.end());
    CHECK(firstBitMismatch(snn::rateEncodeTimeVarying(tv, 16, a), first) == -1);
  }
}

TEST_CASE("rate statistics hold for generated probabilities", "[encoders][rate]") {
  // Nothing hard-coded: values, gain and offset come from an independent PCG32 stream, and the expected
  // probability from the documented formula.
  snn::Pcg32 gen(2024, 99);
  std::vector<float> values;
  for (int i = 0; i < 24; ++i) values.push_back(gen.uniform(-0.3f, 1.3f));
  snn::RateOptions o;
  o.gain = gen.uniform(0.5f, 1.5f);
  o.offset = gen.uniform(-0.2f, 0.2f);
  o.first_spike_time = static_cast<std::size_t>(gen.nextU32() % 50);
  o.seed = gen.nextU32();
  std::vector<float> p;
  for (float v : values) p.push_back(rateProbability(v, o.gain, o.offset));
  const std::vector<float> spikes = snn::rateEncode(values, 20000, o);
  checkRateStatistics(spikes, values.size(), o.first_spike_time, p, {});
}

TEST_CASE("rate time-varying input", "[encoders][rate]") {
  snn::RateOptions o;
  o.seed = 3;
  o.gain = 0.0f;  // snnTorch ignores gain and offset for time-varying input
  o.offset = -5.0f;
  o.first_spike_time = 2;
  const std::vector<float> data{1.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f};  // [3][2]
  const std::vector<float> out = snn::rateEncodeTimeVarying(data, 2, o);
  // first_spike_time zero rows are prepended, as snnTorch's torch.cat does.
  CHECK(out == std::vector<float>{0, 0, 0, 0, 1, 0, 1, 0, 1, 1});
  const ScenarioError e = catchScenarioError([&] { snn::rateEncodeTimeVarying({1, 2, 3}, 2, o); });
  CHECK(e.field() == "rate.data");
}

TEST_CASE("rate refuses bad arguments", "[encoders][rate][errors]") {
  snn::RateOptions o;
  SECTION("num_steps 0") {
    const ScenarioError e = catchScenarioError([&] { snn::rateEncode({0.5f}, 0, o); });
    CHECK(e.kind() == ScenarioError::Kind::Range);
    CHECK(e.field() == "rate.num_steps");
    CHECK(contains(e.what(), "got 0"));
  }
  SECTION("first_spike_time past the last step") {
    o.first_spike_time = 5;
    const ScenarioError e = catchScenarioError([&] { snn::rateEncode({0.5f}, 5, o); });
    CHECK(e.field() == "rate.first_spike_time");
    CHECK(contains(e.what(), "[0, 4], got 5"));
    CHECK_NOTHROW(snn::rateEncode({0.5f}, 6, o));
  }
  SECTION("NaN probability") {
    const ScenarioError e = catchScenarioError([&] { snn::rateEncode({0.5f, NAN}, 5, o); });
    CHECK(e.field() == "rate.data[1]");
    CHECK(contains(e.what(), "NaN"));
  }
}
