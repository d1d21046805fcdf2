// A Trace: what a run produced, one array per state with the golden files' names, row k = step k.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snn {

struct TraceArray {
  std::string name;                // "mem", "spk", "syn", "syn_exc", "cur1", "spk2", ...
  std::vector<std::size_t> shape;  // [T][N] for a population, [T][batch][n] for a network
  std::vector<float> data;         // row-major
  bool is_spike = false;           // printed as integers where the values are whole
  std::size_t rowSize() const;     // values per step
};

struct Trace {
  std::size_t num_steps = 0;
  std::vector<TraceArray> arrays;  // in snnTorch's return order
  TraceArray input;                // the input fed to the run (name "input"), same row convention

  const TraceArray* find(const std::string& name) const;
};

struct TraceJsonOptions {
  bool include_input = false;
};

// {"spk": [[0], ...], "mem": [[0.0], ...]} with the nesting of the golden `output` objects. Floats are the
// float32 values widened to double in their shortest form, as in the goldens; non-finite values are null
// (as JSON.stringify writes them).
std::string traceToJson(const Trace& trace, const TraceJsonOptions& options = {});
// One row per step: step,<state>_<i>...,spk_<i>... (networks: <name>_b<batch>_<i> when batch > 1).
std::string traceToCsv(const Trace& trace, bool include_input = false);
// FNV-1a (64 bit) over every array's name, shape and float32 bits, in order (the input excluded): equal
// hashes mean byte-identical traces. Native and WASM builds must agree on it.
std::uint64_t traceHash(const Trace& trace);
std::string hashHex(std::uint64_t hash);

// Shortest text of a float32 value widened to double (what JSON.stringify gives for a Float32Array item).
std::string formatFloat(float value);

}  // namespace snn
