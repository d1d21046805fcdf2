// The `record` rule: which arrays (and which neurons of them) a run keeps.
#include "parse.hpp"
#include "snn/error.hpp"

namespace snn {

using detail::describe;
using detail::fail;
using detail::index;
using Kind = ScenarioError::Kind;

std::vector<RecordedRange> checkRecord(const std::vector<std::string>& record,
                                       const std::vector<TraceArrayInfo>& produced) {
  std::vector<RecordedRange> kept(produced.size());
  if (record.empty()) {
    for (std::size_t k = 0; k < produced.size(); ++k) kept[k] = {0, produced[k].neurons};
    return kept;
  }
  for (std::size_t i = 0; i < record.size(); ++i) {
    const std::string& entry = record[i];
    const std::string path = index("record", i);
    const std::size_t open = entry.find('[');
    const std::string name = entry.substr(0, open);
    std::size_t k = 0;
    while (k < produced.size() && produced[k].name != name) ++k;
    if (k == produced.size()) {
      std::string list;
      for (const auto& a : produced) list += (list.empty() ? "" : ", ") + a.name;
      fail(Kind::Invalid, path, "record names '" + name + "', which this scenario does not produce (it produces: " + list + ")");
    }
    if (kept[k].count > 0) fail(Kind::Invalid, path, "record names '" + name + "' twice");
    const std::size_t n = produced[k].neurons;
    std::size_t first = 0, end = n;
    if (open != std::string::npos) {
      // [first:end], each bound optional, decimal digits only.
      const std::size_t colon = entry.find(':', open);
      auto bound = [&](std::size_t from, std::size_t to, std::size_t& value) {
        if (from == to) return true;
        if (to - from > 9) return false;
        value = 0;
        for (std::size_t c = from; c < to; ++c) {
          if (entry[c] < '0' || entry[c] > '9') return false;
          value = value * 10 + static_cast<std::size_t>(entry[c] - '0');
        }
        return true;
      };
      const bool ok = colon != std::string::npos && entry.back() == ']' && colon < entry.size() - 1 &&
                      bound(open + 1, colon, first) && bound(colon + 1, entry.size() - 1, end) && first < end && end <= n;
      if (!ok)
        fail(Kind::Invalid, path,
             path + " '" + entry + "' must keep a range of neurons as " + name + "[first:end], 0 <= first < end <= " +
                 std::to_string(n) + " (" + name + " has " + std::to_string(n) + (n == 1 ? " neuron)" : " neurons)"));
    }
    kept[k] = {first, end - first};
  }
  return kept;
}

namespace detail {

std::vector<std::string> readRecordNames(const json& r) {
  if (!r.is_array() || r.empty())
    fail(Kind::Type, "record", "record must be a non-empty array of array names (omit it to keep all), got " + describe(r));
  std::vector<std::string> names;
  for (std::size_t i = 0; i < r.size(); ++i) names.push_back(readString(r[i], index("record", i)));
  return names;
}

}  // namespace detail

std::vector<std::string> parseRecordNames(std::string_view json_text) {
  if (json_text.empty()) return {};
  return detail::readRecordNames(detail::parseJson(json_text.data(), json_text.data() + json_text.size(), "record"));
}

}  // namespace snn
