#include "generator_rows.hpp"

#include <algorithm>

#include "snn/float_math.hpp"

namespace snn::detail {

void addRows(float* out, const float* values, std::size_t width, std::size_t start, std::size_t stop, std::size_t period,
             std::size_t steps) {
  const std::size_t end = std::min(stop, steps);
  for (std::size_t t = start; t < end; t += period) {
    float* row = out + t * width;
    for (std::size_t j = 0; j < width; ++j) row[j] += values[j];
  }
}

void addAll(float* total, const float* part, std::size_t steps, std::size_t width, bool constant) {
  for (std::size_t t = 0; t < steps; ++t) {
    float* row = total + t * width;
    const float* from = constant ? part : part + t * width;
    for (std::size_t j = 0; j < width; ++j) row[j] += from[j];
  }
}

void repeatRow(float* full, const float* row, std::size_t width, std::size_t steps) {
  for (std::size_t t = 0; t < steps; ++t) std::copy(row, row + width, full + t * width);
}

void sineRows(float* out, const float* amplitude, const float* offset, std::size_t width, float period, float phase,
              std::size_t start, std::size_t stop, std::size_t steps) {
  for (std::size_t t = start; t < stop && t < steps; ++t) {
    const double turns = static_cast<double>(t - start) / static_cast<double>(period) + static_cast<double>(phase);
    const float sine = static_cast<float>(sinTurns(turns));
    float* row = out + t * width;
    for (std::size_t j = 0; j < width; ++j) row[j] = amplitude[j] * sine + offset[j];
  }
}

void rampRows(float* out, const float* from, const float* to, std::size_t width, std::size_t start, std::size_t stop,
              std::size_t steps) {
  for (std::size_t t = 0; t < steps; ++t) {
    const float f = t < start ? 0.0f : t >= stop ? 1.0f : static_cast<float>(t - start) / static_cast<float>(stop - start);
    const float g = 1.0f - f;
    float* row = out + t * width;
    for (std::size_t j = 0; j < width; ++j) row[j] = from[j] * g + to[j] * f;
  }
}

}  // namespace snn::detail
