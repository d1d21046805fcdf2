#include "snn/error.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace snn {

const std::vector<ErrorKindInfo>& errorKinds() {
  // In ScenarioError::Kind's order.
  static const std::vector<ErrorKindInfo> kinds = {
      {"Range", "a number outside its allowed range"},
      {"Type", "a value of the wrong JSON type or shape"},
      {"Limit", "larger than the explicit size limits"},
      {"Invalid", "any other rule (unknown names, missing fields, rules between fields)"},
      {"OutOfMemory", "memory ran out (the WebAssembly heap cannot grow further)"},
      {"Internal", "a fault of this program, not of the scenario"},
  };
  return kinds;
}

const char* kindName(ScenarioError::Kind kind) { return errorKinds()[static_cast<std::size_t>(kind)].name; }

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[320];  // %g / %.0f of any double fits
  if (value == std::floor(value) && std::fabs(value) < 1e15) {  // whole numbers as typed: 10, not 1e+01
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

std::string formatFloat32(float value) {
  if (!std::isfinite(value)) return formatNumber(value);
  const double v = value;
  char buf[320];  // %g / %.0f of any double fits
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (static_cast<float>(std::strtod(buf, nullptr)) == value) break;
  }
  return buf;
}

}  // namespace snn
