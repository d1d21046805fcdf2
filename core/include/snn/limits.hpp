// Explicit size limits. A scenario above them is refused before anything is allocated, so a hostile or
// mistyped scenario fails fast instead of eating the machine or the browser tab.
#pragma once

#include <cstddef>

namespace snn::limits {

inline constexpr std::size_t kMaxSteps = 1'000'000;
// Neurons in one population, times the batch.
inline constexpr std::size_t kMaxNeurons = 4'000'000;
inline constexpr std::size_t kMaxBatch = 4096;
// Weights of one Linear layer (in x out): 16M floats = 64 MiB.
inline constexpr std::size_t kMaxWeights = 16'777'216;
inline constexpr std::size_t kMaxLayers = 64;
// Values kept in one Trace, all arrays together (input rows included): 32M floats = 128 MiB.
inline constexpr std::size_t kMaxTraceValues = 33'554'432;
// Neuron updates of one run (steps x neurons x batch, summed over layers): bounds the run time.
inline constexpr double kMaxWork = 4e9;
// Values of one sweep (sweep.hpp): each is a parse and a run of its own, whatever its work.
inline constexpr std::size_t kMaxSweepValues = 10'000;
// Value operations one input may take to generate, every generator of it together: each value a buffer is
// filled with, a pulse or a step writes, a sum adds, an encoder or a noise draws (2000 pulses of 10^6 rows
// would be 2e9 of them). About half a second in WebAssembly.
inline constexpr double kMaxGeneratorWork = 268'435'456;
// Bytes the core may hold at once for the work of one call (a scenario's parsed JSON, its input, weights,
// trace and everything kept in the session's cache, plus whatever else is alive in the same memory): a
// call that would need more is refused before it allocates. The WebAssembly module's memory cannot grow
// past twice this (fragmentation has room).
inline constexpr double kMemoryBudget = 512.0 * 1024 * 1024;

}  // namespace snn::limits
