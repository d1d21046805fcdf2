// A Session runs scenarios one after another and keeps what they drew from a seed or generated — default
// Linear weights, generated inputs, a network's first-layer currents — so that running a scenario again
// with only a neuron parameter changed (what a figure's slider does) reuses them. The values are the same
// either way: every kept value is named by everything it depends on. The core's data types (Scenario,
// Trace, Network) know nothing of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "snn/scenario.hpp"
#include "snn/sweep.hpp"

namespace snn {

// Values kept under keys that name a pure function of their parts: at most budget_bytes of them, the
// entry used longest ago dropped first.
class ScenarioCache {
 public:
  explicit ScenarioCache(std::size_t budget_bytes = std::size_t{32} << 20) : budget_(budget_bytes) {}
  struct Entry {
    std::string key;
    // Shared with whoever took them (a network's Linear shares its weights, copying them before any
    // write): never written once put.
    std::shared_ptr<std::vector<float>> values;
    bool flag = false;  // what the producer needs to know besides the values (a constant input)
    std::uint64_t serial = 0;  // given by put, never reused by this cache: the same serial, the same values
  };
  // The entry for key, or null; a found entry becomes the most recently used.
  const Entry* find(const std::string& key);
  // Keeps entry (unless it alone is over the budget: then 0) and returns the serial it was given.
  std::uint64_t put(Entry entry);
  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t budget() const { return budget_; }
  // Whether `values` values could be kept at all (put refuses more than the budget): ask before copying.
  bool fits(std::size_t values) const { return values <= budget_ / sizeof(float); }
  // Drops every entry (values still shared with a holder stay alive there).
  void clear();

 private:
  std::vector<Entry> entries_;  // most recently used last
  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::uint64_t last_serial_ = 0;
};

class Session {
 public:
  explicit Session(std::size_t cache_budget_bytes = std::size_t{32} << 20) : cache_(cache_budget_bytes) {}

  // A parsed scenario and the cache entries it came from: equal non-zero serials, equal values.
  struct Prepared {
    Scenario scenario;
    std::uint64_t input_serial = 0;        // its generated input
    std::uint64_t first_layer_serial = 0;  // a network's first Linear, when all of it was drawn
  };
  // parseScenario, with seeded weights and generated inputs from the cache when it has them. A scenario that
  // needs more memory than the budget leaves is tried once more with the cache emptied.
  Prepared prepare(std::string_view json_text);

  struct Run {
    Trace trace;
    std::uint64_t input_serial = 0;  // non-zero: the trace's input has the values of that cache entry
  };
  // runScenario. A network whose first Linear was drawn and whose input was generated keeps that layer's
  // currents (when they fit in the cache): a run with other neuron parameters takes them instead of
  // computing the layer again.
  Run run(Prepared prepared);
  Run run(std::string_view json_text) { return run(prepare(json_text)); }

  // run(), or for a scenario with a "sweep" (sweep.hpp) its result instead (`sweep` set, `run` empty), the
  // JSON read once. A sweep takes its generated inputs and drawn weights from this session's cache too.
  struct Outcome {
    Run run;
    std::unique_ptr<SweepResult> sweep;
  };
  Outcome runAny(std::string_view json_text);
  // Checks a scenario as runAny would run it (for a sweep: every value's scenario), running nothing.
  // Its input is checked without being generated (generators.hpp: what only the values show, an overflow,
  // is found by the run), and seeded weights are not drawn.
  void validate(std::string_view json_text);

  const ScenarioCache& cache() const { return cache_; }

 private:
  ScenarioCache cache_;
};

}  // namespace snn
