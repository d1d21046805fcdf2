// Scenario features beyond the goldens: generators, inference of sizes, record, and the Trace writers.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <sstream>

#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "support.hpp"

using Json = nlohmann::json;

namespace {

Json leaky(Json input, int steps = 30, int neurons = 1) {
  return Json{{"model", "Leaky"}, {"constructor", {{"beta", 0.8}}}, {"num_steps", steps},
              {"num_neurons", neurons}, {"input", std::move(input)}};
}

std::vector<float> inputOf(const Json& scenario) {
  const snn::Trace t = snn::runScenarioJson(scenario.dump());
  return t.input.data;
}

}  // namespace

TEST_CASE("scenario: step, pulses and periodic generators put values on the right rows", "[scenario]") {
  const auto step = inputOf(leaky({{"step", {{"amplitude", 0.2}, {"start", 10}, {"stop", 20}}}}));
  for (int t = 0; t < 30; ++t) CHECK(step[t] == (t >= 10 && t < 20 ? 0.2f : 0.0f));

  const auto pulses = inputOf(leaky({{"pulses", Json::array({{{"start", 3}, {"width", 2}, {"amplitude", 0.5}},
                                                             {{"start", 4}, {"amplitude", 0.25}}})}}));
  for (int t = 0; t < 30; ++t) CHECK(pulses[t] == (t == 3 ? 0.5f : t == 4 ? 0.75f : 0.0f));

  const auto periodic = inputOf(leaky({{"periodic", {{"period", 7}, {"start", 2}, {"amplitude", 0.3}}}}));
  for (int t = 0; t < 30; ++t) CHECK(periodic[t] == (t >= 2 && (t - 2) % 7 == 0 ? 0.3f : 0.0f));
}

TEST_CASE("scenario: the sine generator's rows, phase, offset and per-neuron values", "[scenario][sine]") {
  // A period of 4 rows from row 2: 0, 1, 0, -1 exactly (the sine's own quarter turns), +0 at its half turns.
  const auto quarter = inputOf(leaky({{"sine", {{"amplitude", 1}, {"period", 4}, {"start", 2}, {"stop", 14}}}}, 16));
  const float expected[] = {0, 0, 0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0, -1, 0, 0};
  for (int t = 0; t < 16; ++t) {
    INFO("row " << t);
    CHECK(quarter[t] == expected[t]);
    CHECK(std::signbit(quarter[t]) == (expected[t] < 0));  // no -0
  }
  // A phase of a quarter period starts at the peak; the offset is added while the sine is on, not outside.
  const auto peak = inputOf(leaky({{"sine", {{"amplitude", 0.5}, {"period", 10}, {"phase", 0.25}, {"offset", 0.2}, {"stop", 10}}}}, 12));
  CHECK(peak[0] == 0.5f + 0.2f);
  CHECK(peak[5] == -0.5f + 0.2f);
  CHECK(peak[10] == 0.0f);
  // Any other row is amplitude·sin(2π((t − start)/period + phase)) + offset within a float32 ulp of the C
  // library's sine (the bits are the core's own: test_float_math.cpp), one value per neuron.
  const auto two = inputOf(leaky({{"sine", {{"amplitude", {0.8, -1.5}}, {"period", 37.3}, {"phase", -0.17}, {"offset", {0.1, 0}}, {"start", 3}}}}, 300, 2));
  for (int t = 0; t < 300; ++t)
    for (int j = 0; j < 2; ++j) {
      INFO("row " << t << " neuron " << j);
      const double amplitude = j ? -1.5 : 0.8, offset = j ? 0.0 : 0.1;
      const double want = t < 3 ? 0.0 : offset + amplitude * std::sin(2 * M_PI * ((t - 3) / static_cast<double>(37.3f) - 0.17));
      CHECK(std::fabs(two[t * 2 + j] - want) <= 2.5e-7);
    }
}

TEST_CASE("scenario: the ramp generator rises from `from` to `to` between start and stop and stays", "[scenario][ramp]") {
  const auto down = inputOf(leaky({{"ramp", {{"from", 0.5}, {"to", -0.5}, {"start", 2}, {"stop", 6}}}}, 9));
  const float expected[] = {0.5f, 0.5f, 0.5f, 0.25f, 0.0f, -0.25f, -0.5f, -0.5f, -0.5f};
  for (int t = 0; t < 9; ++t) CHECK(down[t] == expected[t]);
  // By default it spans the whole run: `from` (0) at row 0, `to` exactly at the last row.
  const auto whole = inputOf(leaky({{"ramp", {{"to", 1.5}}}}, 200));
  CHECK(whole[0] == 0.0f);
  CHECK(whole[199] == 1.5f);
  for (int t = 1; t < 200; ++t) CHECK(whole[t] > whole[t - 1]);
  CHECK(whole[100] == 1.5f * (100.0f / 199.0f));
  // start == stop: a step from `from` to `to` at start.
  const auto step = inputOf(leaky({{"ramp", {{"from", 0.1}, {"to", 0.7}, {"start", 4}, {"stop", 4}}}}, 8));
  for (int t = 0; t < 8; ++t) CHECK(step[t] == (t < 4 ? 0.1f : 0.7f));
  // One value per neuron.
  const auto pair = inputOf(leaky({{"ramp", {{"from", {0, 1}}, {"to", {1, 0}}, {"stop", 2}}}}, 3, 2));
  CHECK(pair == std::vector<float>{0, 1, 0.5f, 0.5f, 1, 0});
}

TEST_CASE("scenario: the Alpha tutorial input as a sum of a pulse and a periodic train", "[scenario]") {
  // 0.85 at row 10, then every 10th row from 100 (alpha.json's tutorial input), 200 steps.
  const Json& golden = snn::test::goldenFile("alpha.json").at("scenarios").at(0);
  Json s = golden;
  s["input"] = {{"sum", Json::array({{{"pulses", Json::array({{{"start", 10}, {"amplitude", 0.85}}})}},
                                    {{"periodic", {{"period", 10}, {"start", 100}, {"amplitude", 0.85}}}}})}};
  const snn::Trace generated = snn::runScenarioJson(s.dump());
  const snn::Trace explicit_ = snn::runScenarioJson(golden.dump());
  CHECK(generated.input.data == explicit_.input.data);
  CHECK(snn::traceHash(generated) == snn::traceHash(explicit_));
}

TEST_CASE("scenario: constant and uniform values; per-neuron lists", "[scenario]") {
  const auto c = inputOf(leaky({{"constant", {{"value", Json::array({0.1, 0.2, 0.3})}}}}, 5, 3));
  REQUIRE(c.size() == 15);
  for (int t = 0; t < 5; ++t) CHECK((c[t * 3] == 0.1f && c[t * 3 + 1] == 0.2f && c[t * 3 + 2] == 0.3f));
  const auto u = inputOf(leaky({{"constant", {{"value", {{"uniform", {0, 0.2}}}}}}}, 4, 1000));
  float lo = 1, hi = -1;
  for (int i = 0; i < 1000; ++i) {
    lo = std::min(lo, u[i]);
    hi = std::max(hi, u[i]);
    CHECK(u[3000 + i] == u[i]);  // drawn once, constant over time
  }
  CHECK(lo >= 0.0f);
  CHECK(hi < 0.2f);
  CHECK(hi - lo > 0.15f);
}

TEST_CASE("scenario: rate generator fires with the requested probability and is seeded", "[scenario]") {
  Json s = leaky({{"rate", {{"p", Json::array({0.0, 0.25, 1.0})}}}}, 4000, 3);
  s["seed"] = 3;
  const auto a = inputOf(s);
  int counts[3] = {0, 0, 0};
  for (int t = 0; t < 4000; ++t)
    for (int i = 0; i < 3; ++i) counts[i] += a[t * 3 + i] == 1.0f;
  CHECK(counts[0] == 0);
  CHECK(counts[2] == 4000);
  CHECK(std::abs(counts[1] - 1000) < 5 * std::sqrt(4000 * 0.25 * 0.75));
  CHECK(inputOf(s) == a);
  s["seed"] = 4;
  CHECK(inputOf(s) != a);
}

TEST_CASE("scenario: latency and delta generators match the encoders' goldens", "[scenario]") {
  const Json& lat = snn::test::goldenFile("spikegen.json").at("latency").at(0);  // log_tau5_T100
  Json s = leaky({{"latency", {{"values", lat.at("data")}, {"tau", 5}, {"threshold", 0.01}}}},
                 lat.at("kwargs").at("num_steps").get<int>(), static_cast<int>(lat.at("data").size()));
  CHECK(inputOf(s) == snn::test::flatFloats(lat.at("output")));

  const Json& del = snn::test::goldenFile("spikegen.json").at("delta").at(1);  // seq1 thr 0.1 off_spike
  Json rows = Json::array();
  for (const auto& v : del.at("data")) rows.push_back(Json::array({v}));
  Json d = leaky({{"delta", {{"of", rows}, {"threshold", 0.1}, {"off_spike", true}}}},
                 static_cast<int>(rows.size()), 1);
  CHECK(inputOf(d) == snn::test::flatFloats(del.at("output")));
}

TEST_CASE("scenario: num_steps and num_neurons are inferred from explicit input", "[scenario]") {
  Json s{{"model", "Synaptic"}, {"constructor", {{"alpha", 0.9}, {"beta", 0.8}}},
         {"input", Json::array({{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}})}};
  const snn::Scenario sc = snn::parseScenario(s.dump());
  CHECK(sc.num_steps == 3);
  CHECK(sc.num_neurons == 2);
  const snn::Trace t = snn::runScenario(sc);
  REQUIRE(t.find("syn") != nullptr);
  CHECK(t.find("syn")->shape == std::vector<std::size_t>{3, 2});
}

TEST_CASE("scenario: record keeps only the named arrays; seeded networks are reproducible", "[scenario]") {
  Json net{{"layers", Json::array({{{"type", "Linear"}, {"in", 20}, {"out", 30}},
                                   {{"type", "Leaky"}, {"beta", 0.9}},
                                   {{"type", "Linear"}, {"in", 30}, {"out", 5}},
                                   {{"type", "Synaptic"}, {"alpha", 0.9}, {"beta", 0.8}}})},
           {"num_steps", 50}, {"batch_size", 2}, {"seed", 9},
           {"input", {{"rate", {{"values", {{"uniform", {0, 0.5}}}}}}}}};
  const snn::Trace all = snn::runScenarioJson(net.dump());
  std::vector<std::string> names;
  for (const auto& a : all.arrays) names.push_back(a.name);
  CHECK(names == std::vector<std::string>{"cur1", "spk1", "mem1", "cur2", "spk2", "syn2", "mem2"});
  CHECK(all.find("mem2")->shape == std::vector<std::size_t>{50, 2, 5});
  CHECK(snn::traceHash(snn::runScenarioJson(net.dump())) == snn::traceHash(all));

  net["record"] = {"spk2", "mem1"};
  const snn::Trace some = snn::runScenarioJson(net.dump());
  REQUIRE(some.arrays.size() == 2);
  CHECK(some.find("spk2")->data == all.find("spk2")->data);
  CHECK(some.find("mem1")->data == all.find("mem1")->data);

  net["seed"] = 10;
  CHECK(snn::traceHash(snn::runScenarioJson(net.dump())) != snn::traceHash(all));
  net["seed"] = 9;

  // A range of neurons keeps those neurons of every batch row, in order: compared with the full array.
  net["record"] = {"mem1[3:11]", "spk2[:2]", "syn2[4:]", "cur1[0:30]"};
  const snn::Trace ranged = snn::runScenarioJson(net.dump());
  REQUIRE(ranged.arrays.size() == 4);
  auto sliced = [&](const std::string& name, std::size_t first, std::size_t count) {
    const snn::TraceArray& full = *all.find(name);
    const std::size_t n = full.shape[2];
    std::vector<float> out;
    for (std::size_t t = 0; t < 50; ++t)
      for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t i = first; i < first + count; ++i) out.push_back(full.data[(t * 2 + b) * n + i]);
    return out;
  };
  CHECK(ranged.find("mem1")->shape == std::vector<std::size_t>{50, 2, 8});
  CHECK(ranged.find("mem1")->data == sliced("mem1", 3, 8));
  CHECK(ranged.find("spk2")->shape == std::vector<std::size_t>{50, 2, 2});
  CHECK(ranged.find("spk2")->is_spike);
  CHECK(ranged.find("spk2")->data == sliced("spk2", 0, 2));
  CHECK(ranged.find("syn2")->data == sliced("syn2", 4, 1));
  CHECK(ranged.find("cur1")->data == all.find("cur1")->data);

  // A single population, batch 1: [steps][count].
  Json pop{{"model", "Leaky"}, {"constructor", {{"beta", 0.8}}}, {"num_steps", 20}, {"num_neurons", 6},
           {"input", {{"noise", {{"low", 0.0}, {"high", 0.6}}}}}, {"record", {"mem[1:4]"}}};
  const snn::Trace one = snn::runScenarioJson(pop.dump());
  pop.erase("record");
  const snn::Trace every = snn::runScenarioJson(pop.dump());
  REQUIRE(one.arrays.size() == 1);
  CHECK(one.find("mem")->shape == std::vector<std::size_t>{20, 3});
  for (std::size_t t = 0; t < 20; ++t)
    for (std::size_t i = 0; i < 3; ++i) CHECK(one.find("mem")->data[t * 3 + i] == every.find("mem")->data[t * 6 + 1 + i]);
}

TEST_CASE("trace: JSON output parses back to the same float32 bits, spikes as integers", "[scenario]") {
  for (const char* file : {"leaky.json", "alpha.json"}) {
    for (const auto& entry : snn::test::goldenFile(file).at("scenarios")) {
      const snn::Trace t = snn::runScenarioJson(entry.dump());
      const Json back = Json::parse(snn::traceToJson(t));
      REQUIRE(back.size() == t.arrays.size());
      for (const auto& a : t.arrays) {
        CHECK(snn::test::firstBitMismatch(snn::test::flatFloats(back.at(a.name)), a.data) == -1);
        if (a.is_spike) CHECK(back.at(a.name)[0][0].is_number_integer());
      }
    }
  }
  // Shortest double form of the widened float, as in the goldens.
  CHECK(snn::formatFloat(0.9f) == "0.8999999761581421");
  CHECK(snn::formatFloat(0.0f) == "0.0");
  CHECK(snn::formatFloat(-0.0f) == "-0.0");
  CHECK(snn::formatFloat(INFINITY) == "null");
}

TEST_CASE("trace: CSV has one row per step and the same values", "[scenario]") {
  const Json& entry = snn::test::goldenFile("synaptic.json").at("scenarios").at(14);  // 3 neurons
  const snn::Trace t = snn::runScenarioJson(entry.dump());
  std::istringstream csv(snn::traceToCsv(t));
  std::string line;
  std::getline(csv, line);
  CHECK(line == "step,syn_0,syn_1,syn_2,mem_0,mem_1,mem_2,spk_0,spk_1,spk_2");
  std::size_t rows = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    REQUIRE(cells.size() == 10);
    CHECK(std::stoul(cells[0]) == rows);
    for (int i = 0; i < 3; ++i) {
      CHECK(static_cast<float>(std::stod(cells[1 + i])) == t.find("syn")->data[rows * 3 + i]);
      CHECK(static_cast<float>(std::stod(cells[4 + i])) == t.find("mem")->data[rows * 3 + i]);
      CHECK(static_cast<float>(std::stod(cells[7 + i])) == t.find("spk")->data[rows * 3 + i]);
    }
    ++rows;
  }
  CHECK(rows == t.num_steps);
}

TEST_CASE("scenario cache: seeded weights and generated inputs come back identical, keyed by what they depend on", "[scenario]") {
  const Json layers = Json::array({{{"type", "Linear"}, {"in", 40}, {"out", 30}},
                                   {{"type", "Leaky"}, {"beta", 0.9}},
                                   {{"type", "Linear"}, {"in", 30}, {"out", 5}},
                                   {{"type", "Leaky"}, {"beta", 0.9}}});
  auto net = [&](double beta, int seed) {
    Json l = layers;
    l[1]["beta"] = beta;
    l[3]["beta"] = beta;
    return Json{{"layers", l}, {"num_steps", 25}, {"seed", seed},
                {"input", {{"rate", {{"values", {{"uniform", Json::array({0, 0.5})}}}}}}}}.dump();
  };
  snn::Session session;
  const snn::ScenarioCache& cache = session.cache();
  // The first run fills the cache: one entry per drawn layer, one for the input and one for the first
  // layer's currents (they depend on its weights and the input alone).
  const snn::Session::Run first_run = session.run(net(0.9, 4));
  const snn::Trace& first = first_run.trace;
  CHECK(cache.size() == 4);
  CHECK(snn::traceHash(first) == snn::traceHash(snn::runScenarioJson(net(0.9, 4))));
  // A neuron parameter changes: everything comes from the cache, and the trace (cur1 included) equals an
  // uncached run.
  for (double beta : {0.5, 0.7, 0.95}) {
    const snn::Trace cached = session.run(net(beta, 4)).trace;
    CHECK(cache.size() == 4);
    CHECK(snn::traceHash(cached) == snn::traceHash(snn::runScenarioJson(net(beta, 4))));
  }
  // The seed changes what is drawn: new entries, and still the uncached values.
  const snn::Session::Run reseeded_run = session.run(net(0.9, 5));
  const snn::Trace& reseeded = reseeded_run.trace;
  CHECK(cache.size() == 8);
  CHECK(snn::traceHash(reseeded) == snn::traceHash(snn::runScenarioJson(net(0.9, 5))));
  CHECK(snn::traceHash(reseeded) != snn::traceHash(first));
  // Parsed scenarios carry the same weights with and without the cache.
  const snn::Session::Prepared pa = session.prepare(net(0.9, 4));
  const snn::Scenario& a = pa.scenario;
  const snn::Scenario b = snn::parseScenario(net(0.9, 4));
  REQUIRE(a.linears.size() == b.linears.size());
  for (std::size_t k = 0; k < a.linears.size(); ++k) CHECK(a.linears[k].parameters() == b.linears[k].parameters());
  CHECK(a.input == b.input);
  // The input's serial names its cache entry: the same while the input is reused, another for another seed.
  // A run reports it, and its trace's input (moved out of the scenario after the run) still holds the
  // scenario's rows.
  CHECK(pa.input_serial != 0);
  CHECK(pa.first_layer_serial != 0);
  CHECK(session.prepare(net(0.5, 4)).input_serial == pa.input_serial);
  const snn::Session::Prepared pc = session.prepare(net(0.9, 5));
  const snn::Scenario& c = pc.scenario;
  CHECK(pc.input_serial != 0);
  CHECK(pc.input_serial != pa.input_serial);
  CHECK(first_run.input_serial == pa.input_serial);
  CHECK(reseeded_run.input_serial == pc.input_serial);
  CHECK(first.input.data == a.input);
  CHECK(reseeded.input.data == c.input);
  CHECK(first.input.shape == std::vector<std::size_t>{25, 1, 40});
  // Given weights or a given bias for the first layer, with the same seed and input: its currents are not
  // the drawn layer's, and the run must equal an uncached one (the cached currents of seed 4 must not serve).
  for (const char* given : {"weight", "bias"}) {
    Json l = layers;
    if (std::string(given) == "weight")
      l[0]["weight"] = Json::array();
    for (int o = 0; o < 30 && std::string(given) == "weight"; ++o) {
      Json row = Json::array();
      for (int i = 0; i < 40; ++i) row.push_back(((o * 7 + i) % 11) * 0.01 - 0.05);
      l[0]["weight"].push_back(row);
    }
    if (std::string(given) == "bias") l[0]["bias"] = Json(std::vector<double>(30, 0.25));
    const std::string text = Json{{"layers", l}, {"num_steps", 25}, {"seed", 4},
                                  {"input", {{"rate", {{"values", {{"uniform", Json::array({0, 0.5})}}}}}}}}.dump();
    const std::uint64_t uncached = snn::traceHash(snn::runScenarioJson(text));
    CHECK(snn::traceHash(session.run(text).trace) == uncached);
    CHECK(snn::traceHash(session.run(text).trace) == uncached);
    CHECK(uncached != snn::traceHash(first));
  }
}

TEST_CASE("scenario cache: seeded layers share the cache's weights; writing to one copies them first", "[scenario]") {
  // A network re-run with the same seed (a figure's beta slider) takes its layers' weights from the cache
  // without copying them (784 x 1000 weights: a fifth of the network figure's runScenario in V8). They are
  // the same block while nobody writes; a layer that writes gets its own copy, and the cache and the other
  // scenarios keep the drawn values.
  const std::string text = Json{{"layers", Json::array({{{"type", "Linear"}, {"in", 40}, {"out", 30}},
                                                         {{"type", "Leaky"}, {"beta", 0.9}},
                                                         {{"type", "Linear"}, {"in", 30}, {"out", 5}},
                                                         {{"type", "Leaky"}, {"beta", 0.9}}})},
                                {"num_steps", 5}, {"seed", 3}, {"input", {{"constant", {{"value", 0.5}}}}}}.dump();
  snn::Session session;
  snn::Scenario a = session.prepare(text).scenario;
  const snn::Scenario b = session.prepare(text).scenario;
  const snn::Scenario uncached = snn::parseScenario(text);
  for (std::size_t k = 0; k < 2; ++k) {
    INFO("layer " << k);
    CHECK(a.linears[k].sharedParameters() == b.linears[k].sharedParameters());  // one block, not a copy
    CHECK(uncached.linears[k].sharedParameters() != a.linears[k].sharedParameters());
    CHECK(a.linears[k].parameters() == uncached.linears[k].parameters());
  }
  const float drawn = b.linears[0].weight()(2, 3);
  a.linears[0].weight()(2, 3) = drawn + 1.0f;  // a's own copy now
  a.linears[1].bias()(0) = 7.0f;
  CHECK(a.linears[0].sharedParameters() != b.linears[0].sharedParameters());
  CHECK(a.linears[0].weight()(2, 3) == drawn + 1.0f);
  CHECK(b.linears[0].weight()(2, 3) == drawn);
  CHECK(b.linears[1].parameters() == uncached.linears[1].parameters());
  snn::Session::Prepared again = session.prepare(text);
  for (std::size_t k = 0; k < 2; ++k) CHECK(again.scenario.linears[k].parameters() == uncached.linears[k].parameters());
  // A scenario run through the cache gives the uncached trace, before and after the writes above.
  CHECK(snn::traceHash(session.run(std::move(again)).trace) == snn::traceHash(snn::runScenario(uncached)));
}

TEST_CASE("scenario cache: stays within its byte budget, dropping the least recently used", "[scenario]") {
  snn::ScenarioCache cache(1000);  // room for 250 floats
  const auto floats = [](std::size_t n, float v) { return std::make_shared<std::vector<float>>(n, v); };
  cache.put({"a", floats(100, 1.0f)});
  cache.put({"b", floats(100, 2.0f)});
  REQUIRE(cache.find("a") != nullptr);  // a is now the most recently used
  cache.put({"c", floats(100, 3.0f)});
  CHECK(cache.bytes() <= 1000);
  CHECK(cache.find("b") == nullptr);
  CHECK(cache.find("a") != nullptr);
  CHECK((*cache.find("c")->values)[0] == 3.0f);
  CHECK(cache.put({"too big", floats(300, 0.0f)}) == 0);  // larger than the whole budget: not kept
  CHECK(cache.find("too big") == nullptr);
  CHECK(cache.size() == 2);
  // Serials are never reused: an entry dropped and made again is another entry.
  const std::uint64_t a_serial = cache.find("a")->serial;
  CHECK(a_serial != 0);
  CHECK(cache.find("c")->serial != a_serial);
  cache.put({"d", floats(200, 4.0f)});  // drops a and c
  REQUIRE(cache.find("a") == nullptr);
  const std::uint64_t again = cache.put({"a", floats(100, 1.0f)});
  CHECK(again != 0);
  CHECK(again != a_serial);
  CHECK(cache.find("a")->serial == again);
  // A constant input keeps its flag.
  snn::Session inputs;
  const std::string constant = leaky({{"constant", {{"value", 0.25}}}}, 10, 3).dump();
  const snn::Session::Prepared once = inputs.prepare(constant);
  const snn::Session::Prepared twice = inputs.prepare(constant);
  CHECK(once.scenario.input_is_constant);
  CHECK(twice.scenario.input_is_constant);
  CHECK(twice.scenario.input == once.scenario.input);
  CHECK(twice.input_serial == once.input_serial);
  // A constant input is written out once per step in the trace.
  const snn::Trace held = inputs.run(constant).trace;
  CHECK(held.input.data == std::vector<float>(30, 0.25f));
  CHECK(held.input.shape == std::vector<std::size_t>{10, 3});
}
