// Internal: the loops that fill a generated input's [T][W] rows. They are the generators' hot part (a
// limit-sized input is ~2.7e8 value operations), kept apart from the parsing and checking around them so
// that the WebAssembly build can optimise them for speed and the rest for size.
#pragma once

#include <cstddef>

namespace snn::detail {

// out[t][j] += values[j] for t = start, start + period, ... below min(stop, steps).
void addRows(float* out, const float* values, std::size_t width, std::size_t start, std::size_t stop, std::size_t period,
             std::size_t steps);

// total[t][j] += part[t][j] over [steps][width] (part one row, the same for every t, when constant).
void addAll(float* total, const float* part, std::size_t steps, std::size_t width, bool constant);

// full[t] = row for every t < steps.
void repeatRow(float* full, const float* row, std::size_t width, std::size_t steps);

// Rows [start, min(stop, steps)) of offset + amplitude·sin(2π((t − start)/period + phase)), in float32 but for
// the sine itself (sinTurns, in double, then rounded once): web/src/python.js's sine_rows does the same.
void sineRows(float* out, const float* amplitude, const float* offset, std::size_t width, float period, float phase,
              std::size_t start, std::size_t stop, std::size_t steps);

// Every row of from·(1 − f) + to·f with f = 0 before start, (t − start)/(stop − start) up to stop and 1 from
// stop on, every operation in float32 (python.js's ramp_rows does the same).
void rampRows(float* out, const float* from, const float* to, std::size_t width, std::size_t start, std::size_t stop,
              std::size_t steps);

}  // namespace snn::detail
