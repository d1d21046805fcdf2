// The Session and its cache: what scenarios drew or generated, kept for the next run (see session.hpp).
#include "snn/session.hpp"

#include <algorithm>
#include <cstring>

#include "parse.hpp"
#include "runner.hpp"

namespace snn {

const ScenarioCache::Entry* ScenarioCache::find(const std::string& key) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].key != key) continue;
    std::rotate(entries_.begin() + static_cast<std::ptrdiff_t>(i), entries_.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                entries_.end());
    return &entries_.back();
  }
  return nullptr;
}

std::uint64_t ScenarioCache::put(Entry entry) {
  const std::size_t size = entry.values->size() * sizeof(float);
  if (size > budget_) return 0;
  while (!entries_.empty() && bytes_ + size > budget_) {
    bytes_ -= entries_.front().values->size() * sizeof(float);
    entries_.erase(entries_.begin());
  }
  bytes_ += size;
  entry.serial = ++last_serial_;
  entries_.push_back(std::move(entry));
  return last_serial_;
}

void ScenarioCache::clear() {
  entries_.clear();
  bytes_ = 0;
}

namespace {

// A parse with the cache; a parse refused for memory gets a second try with the cache emptied.
Session::Prepared prepareWith(ScenarioCache& cache, const detail::json& scenario, bool check_only = false) {
  detail::ParseOptions options;
  options.cache = &cache;
  options.check_only = check_only;
  detail::Provenance provenance;
  const auto parse = [&] { return detail::parseScenario(scenario, options, &provenance); };
  Session::Prepared p;
  try {
    p.scenario = parse();
  } catch (const MemoryLimitError&) {
    if (cache.size() == 0) throw;
    cache.clear();
    provenance = {};
    p.scenario = parse();
  }
  p.input_serial = provenance.input_serial;
  p.first_layer_serial = provenance.first_layer_serial;
  return p;
}

detail::json read(std::string_view text) { return detail::parseJson(text.data(), text.data() + text.size(), ""); }

}  // namespace

Session::Prepared Session::prepare(std::string_view json_text) { return prepareWith(cache_, read(json_text)); }

Session::Outcome Session::runAny(std::string_view json_text) {
  detail::json j = read(json_text);
  Outcome out;
  if (detail::hasSweep(j))
    out.sweep = std::make_unique<SweepResult>(detail::runSweep(std::move(j), &cache_));
  else
    out.run = run(prepareWith(cache_, j));
  return out;
}

void Session::validate(std::string_view json_text) {
  detail::json j = read(json_text);
  if (detail::hasSweep(j))
    (void)detail::checkSweep(std::move(j), &cache_, nullptr);
  else
    (void)prepareWith(cache_, j, true);  // checked without generating the input (generators.hpp)
}

Session::Run Session::run(Prepared p) {
  // The first layer's currents depend on its parameters and the input alone: both named by cache serials.
  std::string key;
  const Scenario& s = p.scenario;
  const std::size_t first_currents = s.isNetwork() ? s.num_steps * s.batch * s.linears.front().out() : 0;
  if (p.scenario.isNetwork() && p.first_layer_serial != 0 && p.input_serial != 0 && cache_.fits(first_currents))
    key = "first currents: layer " + std::to_string(p.first_layer_serial) + " input " + std::to_string(p.input_serial);
  const ScenarioCache::Entry* known = key.empty() ? nullptr : cache_.find(key);
  std::vector<float> computed;
  Run out;
  out.trace = detail::runScenarioWith(std::move(p.scenario), known ? known->values->data() : nullptr,
                                      key.empty() || known ? nullptr : &computed);
  if (!computed.empty()) cache_.put({key, std::make_shared<std::vector<float>>(std::move(computed))});
  out.input_serial = p.input_serial;
  return out;
}

namespace detail {

void appendKey(const json& j, std::string& out) {
  if (j.is_object()) {
    out += '{';
    for (auto it = j.begin(); it != j.end(); ++it) {
      out += std::to_string(it.key().size()) + ':' + it.key();
      appendKey(it.value(), out);
    }
    out += '}';
  } else if (j.is_array()) {
    out += '[';
    for (const json& v : j) appendKey(v, out);
    out += ']';
  } else if (j.is_number()) {
    const double v = j.get<double>();
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    out += (j.is_number_float() ? 'f' : 'i') + std::to_string(bits) + ',';
  } else if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    out += 's' + std::to_string(text.size()) + ':' + text;
  } else {
    out += j.is_boolean() ? (j.get<bool>() ? 'T' : 'F') : 'N';
  }
}

}  // namespace detail

}  // namespace snn
