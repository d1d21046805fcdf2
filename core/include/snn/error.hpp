// Errors the core raises for input a user gave it. Every message names the field, the allowed range and
// the value given, so the CLI, the JS API and the page can show it as it is.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace snn {

class ScenarioError : public std::runtime_error {
 public:
  // Range: a number outside its allowed range. Type: a value of the wrong JSON type or shape.
  // Limit: the request is larger than the explicit size limits. Invalid: any other rule.
  enum class Kind { Range, Type, Limit, Invalid };

  ScenarioError(Kind kind, std::string field, const std::string& message)
      : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}

  Kind kind() const noexcept { return kind_; }
  // Dotted path of the offending field, e.g. "constructor.beta" or "layers[2].weight".
  const std::string& field() const noexcept { return field_; }

 private:
  Kind kind_;
  std::string field_;
};

// A Limit error for memory (limits::kMemoryBudget): whoever holds memory it can spare (a session's cache)
// may free it and try again.
class MemoryLimitError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

// Every kind of failure the core reports, by name, in one table: the ScenarioError kinds, then the two
// that are not a scenario's fault. The CLI, the JS API (error.kind) and index.d.ts use these names.
struct ErrorKindInfo {
  const char* name;
  const char* meaning;
};
const std::vector<ErrorKindInfo>& errorKinds();
// The name of a ScenarioError kind ("Range", ...).
const char* kindName(ScenarioError::Kind kind);
// errorKinds() indices of the failures that are not ScenarioErrors.
inline constexpr std::size_t kOutOfMemoryKind = 4;
inline constexpr std::size_t kInternalKind = 5;

// Shortest decimal text that reads back as the same double ("0.7", not "0.69999999999999996").
std::string formatNumber(double value);
// Shortest decimal text that reads back as the same float32 ("0.7" for 0.7f, not "0.699999988079071").
std::string formatFloat32(float value);

}  // namespace snn
