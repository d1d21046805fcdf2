// The JS API's arguments as the core reads them (snn/api.hpp): JSON text of what a caller passed, with a
// Scenario's messages. tests/wasm/hostile.test.js calls them through the module; these run natively, under
// the sanitizers too.
#include <catch2/catch.hpp>

#include "snn/api.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"

namespace {

using Kind = snn::ScenarioError::Kind;

template <class F>
snn::ScenarioError refusal(F f) {
  try {
    f();
  } catch (const snn::ScenarioError& e) {
    return e;
  }
  FAIL("accepted");
  throw;
}

}  // namespace

TEST_CASE("api: counts, indices, seeds and flags are read as given, never coerced", "[api]") {
  using snn::api::readCount;
  CHECK(readCount("3", "num_neurons", 1, 10, 1) == 3);
  CHECK(readCount("null", "num_neurons", 1, 10, 7) == 7);
  CHECK(readCount("", "num_neurons", 1, 10, 7) == 7);  // not given
  auto e = refusal([] { readCount("\"3\"", "num_neurons", 1, 10, 1); });
  CHECK(e.kind() == Kind::Type);
  CHECK(e.field() == "num_neurons");
  CHECK(std::string(e.what()) == "num_neurons must be a whole number 1..10, got the string \"3\"");
  CHECK(refusal([] { readCount("true", "steps", 1, 10, 1); }).kind() == Kind::Type);
  CHECK(std::string(refusal([] { readCount("\"NaN\"", "steps", 1, 10, 1); }).what()) == "steps must be 1..10, got NaN");
  CHECK(refusal([] { readCount("2.5", "steps", 1, 10, 1); }).kind() == Kind::Range);
  CHECK(refusal([] { readCount("null", "steps", 1, 10, snn::api::kRequired); }).kind() == Kind::Type);

  using snn::api::readIndex;
  CHECK(readIndex("1", "layer", 2, "layers") == 1);
  e = refusal([] { readIndex("1", "layer", 1, "layers"); });
  CHECK(e.kind() == Kind::Range);
  CHECK(std::string(e.what()) == "layer must be a whole number 0..0 (layers: 1), got 1");
  CHECK(std::string(refusal([] { readIndex("\"x\"", "layer", 1, "layers"); }).what()) ==
        "layer must be a whole number 0..0 (layers: 1), got the string \"x\"");
  CHECK(refusal([] { readIndex("\"NaN\"", "layer", 1, "layers"); }).kind() == Kind::Range);
  CHECK(refusal([] { readIndex("-1", "layer", 3, "layers"); }).kind() == Kind::Range);
  CHECK(refusal([] { readIndex("null", "layer", 3, "layers"); }).kind() == Kind::Type);

  CHECK(snn::api::readSeed("null", "seed") == 0);
  CHECK(snn::api::readSeed("9007199254740991", "seed") == 9007199254740991ull);
  for (const char* bad : {"-1", "\"NaN\"", "\"Infinity\"", "0.5", "9007199254740992", "\"3n\"", "true"})
    CHECK(refusal([&] { snn::api::readSeed(bad, "seed"); }).field() == "seed");
  CHECK(snn::api::readBool("null", "bias", true));
  CHECK(refusal([] { snn::api::readBool("\"no\"", "bias", true); }).kind() == Kind::Type);
}

TEST_CASE("api: objects and values that are not, and options", "[api]") {
  CHECK_NOTHROW(snn::api::checkObject("{}", "options"));
  CHECK(std::string(refusal([] { snn::api::checkObject("5", "options"); }).what()) == "options must be a JSON object, got 5");
  CHECK(std::string(refusal([] { snn::api::checkValues("\"x\"", "input[2]"); }).what()) ==
        "input[2] must be a number or an array of numbers, got the string \"x\"");
  CHECK(refusal([] { snn::api::checkValues("[1, null]", "input"); }).field() == "input[1]");

  // A population with its initial state, and the core's messages for bad options.
  auto layer = snn::api::makePopulation("Leaky", R"({"beta": 0.5, "num_neurons": 3, "batch_size": 2, "init": {"mem": [0.1, 0.2, 0.3]}})");
  CHECK(layer->size() == 6);
  CHECK(layer->state(0)[4] == 0.2f);
  CHECK(refusal([] { snn::api::makePopulation("Leaky", R"({"beta": 0.5, "init": {"syn": 1}})"); }).field() == "init.syn");
  CHECK(refusal([] { snn::api::makePopulation("Leaky", R"({"beta": 0.5, "init": 3})"); }).field() == "init");
  CHECK(refusal([] { snn::api::makePopulation("Leaky", R"({"beta": 0.5, "num_neurons": "3"})"); }).field() == "num_neurons");
  CHECK(refusal([] { snn::api::makePopulation("Leaky", "[1]"); }).field() == "options");
  CHECK(snn::api::readRunOptions("").empty());
  CHECK(snn::api::readRunOptions(R"({"record": ["spk"]})").size() == 1);
  CHECK(refusal([] { snn::api::readRunOptions(R"({"records": ["spk"]})"); }).field() == "options.records");
  CHECK_FALSE(snn::api::readAdvanceCountSpikes(R"({"count_spikes": false})"));
  CHECK(refusal([] { snn::api::makeLinear(R"({"in_features": 2, "out_features": 2, "seed": -1})"); }).field() == "seed");
  CHECK(refusal([] { snn::api::makeNetwork(R"({"seed": 1})"); }).field() == "layers");
}

TEST_CASE("api: encoders' requests; delta's rows give its shape", "[api]") {
  const snn::api::Generated d = snn::api::generate(R"({"input": {"delta": {"of": [[0, 1], [1, 1], [0, 0]]}}})");
  CHECK(d.steps == 3);
  CHECK(d.width == 2);
  CHECK(d.values.size() == 6);
  CHECK(refusal([] { snn::api::generate(R"({"input": {"delta": {"of": 5}}})"); }).field() == "input.delta.of");
  CHECK(std::string(refusal([] { snn::api::generate(R"({"input": {"rate": {"values": [0.5]}}, "num_neurons": 1})"); }).what()) ==
        "num_steps must be a whole number 1..1000000, got null");
}

TEST_CASE("api: FiniteGuard lets finite steps pass and refuses the one that overflows", "[api]") {
  auto layer = snn::api::makePopulation("Leaky", R"({"beta": 1, "reset_mechanism": "none", "num_neurons": 2})");
  snn::FiniteGuard guard;
  float x[2] = {1e37f, 1.0f}, spk[2];
  for (int t = 0; t < 30; ++t) {
    layer->step(x, spk);
    if (t < 30) {
      // 1e37 a step: after 34 steps the membrane passes float32's largest value.
      CHECK_NOTHROW(guard.after(*layer, 1e37, 1, static_cast<std::size_t>(t)));
    }
  }
  x[0] = 3e38f;
  layer->step(x, spk);
  const snn::ScenarioError e = refusal([&] { guard.after(*layer, 3e38, 1, 30); });
  CHECK(e.field() == "input");
  CHECK_THAT(e.what(), Catch::StartsWith("mem overflows float32 by step 30 (neuron 0: Infinity)"));
  CHECK(layer->state(0)[0] == 0.0f);  // back at the initial state
}
