// Internal: typed reading of Scenario JSON with errors that name the field, the range and the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "snn/error.hpp"

namespace snn::detail {

using json = nlohmann::json;
using Kind = ScenarioError::Kind;

[[noreturn]] void fail(Kind kind, const std::string& field, const std::string& message);

// Parses JSON text; refuses nesting deeper than kMaxJsonDepth (so no later recursion can exhaust the stack,
// which is small in WebAssembly) and numbers beyond double. Errors are ScenarioErrors on `field`.
inline constexpr int kMaxJsonDepth = 64;
json parseJson(const char* begin, const char* end, const std::string& field);

// "a string", "an array of 3 items", "true", "0.5" ... for messages about what was given.
std::string describe(const json& value);
std::string join(const std::string& path, const std::string& key);
std::string index(const std::string& path, std::size_t i);

// "NaN", "Infinity" or "-Infinity": how the JS API writes those numbers (JSON has none), so that a message
// can name them.
bool nonFiniteText(const json& j);
// A finite number that fits in float32. Booleans are not numbers.
float readFloat(const json& j, const std::string& path);
// A finite number (double).
double readDouble(const json& j, const std::string& path);
// A whole number in [lo, hi] ("num_steps must be 1..1000000, got 0").
std::size_t readCount(const json& j, const std::string& path, std::size_t lo, std::size_t hi);
std::uint64_t readSeed(const json& j, const std::string& path);
bool readBool(const json& j, const std::string& path);
std::string readString(const json& j, const std::string& path);
// A number, or an array of numbers (at least one).
std::vector<float> readFloatList(const json& j, const std::string& path);

// A sweep (sweep.cpp) watches the one value its path names: the readers of numbers above note when they
// read it.
struct NumberWatch {
  const json* value = nullptr;
  bool read = false;
};
NumberWatch& numberWatch();

// Rejects keys outside `allowed`, naming them and listing what is accepted.
void checkKeys(const json& object, const std::string& path, std::initializer_list<const char*> allowed);
void requireObject(const json& j, const std::string& path);

}  // namespace snn::detail
