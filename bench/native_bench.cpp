// The benchmark workloads W1-W3 against the core's C++ API, timed in-process. One source, two builds
// (bench/build.mjs compiles both):
//   native     g++ -O3 -ffp-contract=off -fno-fast-math, linked against build/native/libsnn_core.a
//   wasm-core  em++ -O3 -msimd128 -fwasm-exceptions -ffp-contract=off, linked against build/wasm/libsnn_core.a
//              (the same core objects the shipped snn.wasm holds, without the Embind layer), run by Node
// so "wasm-core / native" compares the same loops compiled two ways, with nothing of the bindings in it.
//
// Prints one JSON object on stdout: for each workload the per-run times of every sample (ms) and a
// checksum (trace hash or bits of the final state) that the JS side compares against the WASM module's.
//
//   native_bench [--quick]
//   native_bench --w3-pair N   only N timed runs of W3 through advance(), for bench/run.mjs's paired rounds
//
// Never built with fast-math (it would change the numbers the checksums pin).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "snn/network.hpp"
#include "snn/neurons.hpp"
#include "snn/scenario.hpp"
#include "snn/trace.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Keeps results alive so that the optimiser cannot drop a timed run.
volatile std::uint64_t g_sink = 0;

std::string jsonArray(const std::vector<double>& v) {
  std::string s = "[";
  char buf[64];
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.6g", i ? "," : "", v[i]);
    s += buf;
  }
  return s + "]";
}

std::uint32_t bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// FNV-1a over the bits of a float array (the JS side computes the same over a Float32Array).
std::string fnvHex(const float* data, std::size_t n) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t u = bits(data[i]);
    for (int b = 0; b < 4; ++b) {
      h ^= (u >> (8 * b)) & 0xffu;
      h *= 1099511628211ULL;
    }
  }
  return snn::hashHex(h);
}

// The workloads' definitions, shared with bench/workloads.mjs (keep them in step).
const char* kW1Kwargs = R"({"R": 5.1, "C": 0.005, "time_step": 0.001})";
const char* kW1Scenario =
    R"({"model": "Lapicque", "constructor": {"R": 5.1, "C": 0.005, "time_step": 0.001}, "num_steps": 200,
        "input": {"step": {"amplitude": 0.2, "start": 10}}, "record": ["mem"]})";
const char* kW2LeakyLayers =
    R"([{"type": "Linear", "in": 784, "out": 1000}, {"type": "Leaky", "beta": 0.99},
        {"type": "Linear", "in": 1000, "out": 10}, {"type": "Leaky", "beta": 0.99}])";
const char* kW2SynapticLayers =
    R"([{"type": "Linear", "in": 784, "out": 1000}, {"type": "Synaptic", "alpha": 0.9, "beta": 0.8},
        {"type": "Linear", "in": 1000, "out": 10}, {"type": "Synaptic", "alpha": 0.9, "beta": 0.8}])";
const char* kW3Kwargs = R"({"beta": 0.9, "threshold": 1.0, "reset_mechanism": "subtract"})";

std::string w2Scenario(const char* layers) {
  return std::string(R"({"layers": )") + layers +
         R"(, "num_steps": 200, "batch_size": 1, "seed": 7, "input": {"rate": {"values": {"uniform": [0, 0.1]}}},
            "record": ["spk1", "mem1", "spk2", "mem2"]})";
}

const std::size_t kW2Steps = 200, kW2In = 784;
const std::size_t kW3Neurons = 100000, kW3Steps = 1000;

// ------------------------------------------------------------------------------------------------ W1
std::string benchW1(bool quick) {
  const std::size_t steps = 200;
  std::vector<float> input(steps, 0.0f);
  for (std::size_t t = 10; t < steps; ++t) input[t] = 0.2f;
  const snn::NeuronDef def = snn::parseNeuronDef("Lapicque", kW1Kwargs, 1);
  auto layer = snn::makeNeuronLayer(def, 1, 1);

  // (a) the population: reset, 200 steps, spk and mem recorded into a fresh Trace (what the JS API's
  //     run() does inside the core).
  const int inner = quick ? 200 : 2000, samples = quick ? 5 : 15;
  std::vector<double> pop, scen;
  std::string hash;
  for (int warm = 0; warm < 200; ++warm) {
    layer->reset();
    g_sink += snn::runPopulation(*layer, input.data(), 1, steps).arrays.size();
  }
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    for (int i = 0; i < inner; ++i) {
      layer->reset();
      snn::Trace tr = snn::runPopulation(*layer, input.data(), 1, steps);
      g_sink += bits(tr.arrays.back().data[steps - 1]);
      if (s == 0 && i == 0) hash = snn::hashHex(snn::traceHash(tr));
    }
    pop.push_back(msSince(t0) / inner);
  }
  // (b) the whole Scenario path a figure takes: parse + validate + generate the input + run + record.
  const int inner_s = quick ? 50 : 500;
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    for (int i = 0; i < inner_s; ++i) g_sink += snn::runScenarioJson(kW1Scenario).arrays[0].data.size();
    scen.push_back(msSince(t0) / inner_s);
  }
  return R"({"run_ms": )" + jsonArray(pop) + R"(, "scenario_ms": )" + jsonArray(scen) + R"(, "hash": ")" + hash + "\"}";
}

// ------------------------------------------------------------------------------------------------ W2
const std::vector<std::string> kW2Record{"spk1", "mem1", "spk2", "mem2"};

std::string benchW2(const char* layers, bool quick) {
  const snn::Scenario scenario = snn::parseScenario(w2Scenario(layers));  // the input, exactly as JS gets it
  const std::vector<float>& input = scenario.input;
  snn::NetworkDef def = snn::parseNetworkDef(layers, 1, 7);
  snn::Network net(std::move(def.linears), def.populations, 1);

  const int samples = quick ? 5 : 21;
  std::vector<double> run, scen;
  std::string hash;
  for (int warm = 0; warm < 3; ++warm) {
    net.reset();
    g_sink += snn::runNetwork(net, input.data(), kW2In, kW2Steps, kW2Record).arrays.size();
  }
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    net.reset();
    // Spikes and membranes of both layers, as bench/workloads.mjs's W2_RECORD asks the JS API for.
    snn::Trace tr = snn::runNetwork(net, input.data(), kW2In, kW2Steps, kW2Record);
    run.push_back(msSince(t0));
    if (s == 0) hash = snn::hashHex(snn::traceHash(tr));
    g_sink += tr.arrays.size();
  }
  // The whole Scenario path (the network figure's): parse, Linear init from the seed (794k draws), rate
  // encoding, run, record spk/mem of both layers.
  const std::string text = w2Scenario(layers);
  for (int s = 0; s < (quick ? 3 : 7); ++s) {
    const auto t0 = Clock::now();
    g_sink += snn::runScenarioJson(text).arrays.size();
    scen.push_back(msSince(t0));
  }
  return R"({"run_ms": )" + jsonArray(run) + R"(, "scenario_ms": )" + jsonArray(scen) + R"(, "hash": ")" + hash + "\"}";
}

// ------------------------------------------------------------------------------------------------ W3
// W3's population and its constant input U(0, 0.2), drawn by the core's generator exactly as
// bench/workloads.mjs asks for it.
struct W3Setup {
  std::vector<float> input;
  std::unique_ptr<snn::NeuronLayer> layer;
};

W3Setup makeW3() {
  const snn::Scenario scenario = snn::parseScenario(
      std::string(R"({"model": "Leaky", "constructor": )") + kW3Kwargs +
      R"(, "num_neurons": 100000, "num_steps": 1, "seed": 3, "input": {"constant": {"value": {"uniform": [0, 0.2]}}}, "record": ["spk"]})");
  W3Setup w3;
  w3.input.assign(scenario.input.begin(), scenario.input.begin() + kW3Neurons);
  w3.layer = snn::makeNeuronLayer(snn::parseNeuronDef("Leaky", kW3Kwargs, kW3Neurons), kW3Neurons, 1);
  return w3;
}

// `samples` runs of the 1000 steps through advance(): one call, the population advanced block by block
// (nothing recorded; per-neuron spike counts kept). The first run's final membranes and spike count go to
// hash and spikes when given.
std::vector<double> advanceSamples(W3Setup& w3, int samples, std::string* hash = nullptr, double* spikes = nullptr) {
  std::vector<float> counts(kW3Neurons);
  std::vector<double> ms;
  for (int s = 0; s < samples; ++s) {
    w3.layer->reset();
    std::fill(counts.begin(), counts.end(), 0.0f);
    const auto t0 = Clock::now();
    w3.layer->advance(w3.input.data(), kW3Steps, counts.data());
    ms.push_back(msSince(t0));
    if (s == 0 && hash) *hash = fnvHex(w3.layer->state(0), kW3Neurons);
    if (s == 0 && spikes)
      for (float v : counts) *spikes += v;
  }
  return ms;
}

std::string benchW3(bool quick) {
  W3Setup w3 = makeW3();
  const std::vector<float>& input = w3.input;
  auto& layer = w3.layer;
  std::vector<float> spk(kW3Neurons);

  for (std::size_t t = 0; t < 100; ++t) layer->step(input.data(), spk.data());  // warm-up
  const int samples = quick ? 3 : 7;
  std::vector<double> ms;
  std::string mem_hash;
  double spikes_last = 0;
  for (int s = 0; s < samples; ++s) {
    layer->reset();
    const auto t0 = Clock::now();
    for (std::size_t t = 0; t < kW3Steps; ++t) layer->step(input.data(), spk.data());
    ms.push_back(msSince(t0));
    if (s == 0) {
      mem_hash = fnvHex(layer->state(0), kW3Neurons);
      for (float v : spk) spikes_last += v;
    }
  }
  // The same steps through advance(): its final membranes must equal the stepped ones.
  std::string advance_hash;
  double advance_spikes = 0;
  const std::vector<double> advance_ms = advanceSamples(w3, samples, &advance_hash, &advance_spikes);
  // What the WASM binding adds to every step(): checkInputValues over the 100k inputs.
  std::vector<double> check_ms;
  for (int s = 0; s < samples; ++s) {
    const auto t0 = Clock::now();
    for (std::size_t t = 0; t < kW3Steps; ++t) snn::checkInputValues(input.data(), input.size(), "input");
    check_ms.push_back(msSince(t0));
  }
  char extra[128];
  std::snprintf(extra, sizeof extra, R"(, "spikes_last_step": %.0f, "advance_spikes": %.0f)", spikes_last, advance_spikes);
  return R"({"neurons": 100000, "steps": 1000, "ms": )" + jsonArray(ms) + R"(, "advance_ms": )" + jsonArray(advance_ms) +
         R"(, "check_input_ms": )" + jsonArray(check_ms) + R"(, "mem_hash": ")" + mem_hash + R"(", "advance_mem_hash": ")" +
         advance_hash + "\"" + extra + "}";
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int w3_pair = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    if (std::strcmp(argv[i], "--w3-pair") == 0 && i + 1 < argc) w3_pair = std::atoi(argv[++i]);
  }
  if (w3_pair > 0) {  // one side of a paired W3 round (bench/run.mjs): advance() only, after one warm-up run
    W3Setup w3 = makeW3();
    advanceSamples(w3, 1);
    std::printf("{\"w3_advance_ms\": %s}\n", jsonArray(advanceSamples(w3, w3_pair)).c_str());
    return 0;
  }
  std::string out = "{";
  out += R"("w1": )" + benchW1(quick);
  out += R"(, "w2": )" + benchW2(kW2LeakyLayers, quick);
  out += R"(, "w2_synaptic": )" + benchW2(kW2SynapticLayers, quick);
  out += R"(, "w3": )" + benchW3(quick);
#ifdef __EMSCRIPTEN__
  out += R"(, "target": "wasm32")";
#else
  out += R"(, "target": "native")";
#endif
  out += "}\n";
  std::fputs(out.c_str(), stdout);
  return g_sink == 42 ? 1 : 0;  // never true in practice; reads the sink
}
