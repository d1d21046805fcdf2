// Internal: turns a Scenario's `input` (explicit arrays or a generator) into a dense array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "json_read.hpp"

namespace snn::detail {

struct InputShape {
  std::size_t steps = 0;
  std::size_t batch = 1;
  std::size_t width = 0;  // values per batch row
  bool network = false;   // explicit arrays are [T][batch][width] (or [T][width] for batch 1)
  std::size_t rowSize() const { return batch * width; }
};

struct MaterialisedInput {
  std::vector<float> data;  // [steps][batch][width], or one row when constant
  bool constant = false;
};

// spec is an explicit array or a generator object; path is its field name ("input"). With `resolved`, the
// input with every default written out (seeds and random streams included) is written there. With
// `check_only`, every field, rule and limit is checked as generating would, but a generator makes no
// values (data stays empty; an explicit array is still read): what only the values can show — a sum or an
// amplitude that overflows float32, a time-varying probability out of [0, 1] — is found by the run.
MaterialisedInput materialiseInput(const json& spec, const std::string& path, const InputShape& shape,
                                   std::uint64_t seed, json* resolved = nullptr, bool check_only = false);

// generateInput on a parsed spec: [steps][batch][width] values, a constant written out for every step.
std::vector<float> generateRows(const json& spec, std::size_t steps, std::size_t width, std::size_t batch, std::uint64_t seed);

// Row count (T) and values per row of an explicit input array, without reading the values; used to infer
// num_steps and num_neurons. Returns false when spec is not an explicit array.
bool explicitInputExtent(const json& spec, bool network, std::size_t& steps, std::size_t& batch, std::size_t& width);

}  // namespace snn::detail
