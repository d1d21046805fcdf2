#include "json_read.hpp"

#include "snn/scenario.hpp"

#include <cfloat>
#include <cmath>
#include <limits>

namespace snn::detail {

void fail(Kind kind, const std::string& field, const std::string& message) {
  throw ScenarioError(kind, field, message);
}

json parseJson(const char* begin, const char* end, const std::string& field) {
  const std::string what = field.empty() ? "the scenario" : field;
  // Depth first, with a plain scan (brackets outside strings): cheaper and much smaller in WASM than a
  // parser callback, and nothing recursive ever sees a deeper document.
  // The same scan counts what the parsed document will hold, so that one too large for the memory budget
  // is refused before it is built: a value per separator, a container per bracket, a member per colon.
  int depth = 0;
  bool in_string = false;
  std::size_t separators = 0, containers = 0, members = 0;
  for (const char* p = begin; p != end; ++p) {
    const char c = *p;
    if (in_string) {
      if (c == '\\' && p + 1 != end) ++p;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++containers;
      if (++depth > kMaxJsonDepth)
        fail(Kind::Limit, field, what + " nests arrays or objects more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',') {
      ++separators;
    } else if (c == ':') {
      ++members;
    }
  }
  // nlohmann's values are 16 bytes (32 with a vector's spare capacity), a container's own block about 48
  // and an object member's tree node about 96, strings as long as their text.
  checkMemory(32.0 * static_cast<double>(separators + containers + 1) + 48.0 * static_cast<double>(containers) +
                  96.0 * static_cast<double>(members) + static_cast<double>(end - begin),
              field, "reading " + what);
  try {
    // The plain DOM builder, driven directly: json::parse would also compile the callback-filtering
    // builder (several KB of WebAssembly) for the callback we never pass.
    json result;
    nlohmann::detail::json_sax_dom_parser<json> builder(result, /*allow_exceptions=*/true);
    json::sax_parse(begin, end, &builder);
    return result;
  } catch (const json::exception& e) {  // syntax errors, and numbers too large for a double (1e999)
    fail(Kind::Type, field, what + " is not valid JSON: " + e.what());
  }
}

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      std::string s = v.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 40) + "...";
      return "the string \"" + s + "\"";
    }
    case json::value_t::array: return "an array of " + std::to_string(v.size()) + " items";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return formatNumber(v.get<double>());
    default: return "an invalid value";
  }
}

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

NumberWatch& numberWatch() {
#ifdef __EMSCRIPTEN__
  static NumberWatch watch;  // the module runs on one thread (no atomics: thread_local would not link)
#else
  thread_local NumberWatch watch;
#endif
  return watch;
}

namespace {
void noteRead(const json& j) {
  NumberWatch& w = numberWatch();
  if (&j == w.value) w.read = true;
}
}  // namespace

double readDouble(const json& j, const std::string& path) {
  noteRead(j);
  // JSON cannot hold NaN or infinity; the JS API sends them as these strings so that the message can
  // name them (a plain JSON.stringify would have turned them into null).
  if (j.is_string() && (j == "NaN" || j == "Infinity" || j == "-Infinity"))
    fail(Kind::Range, path, path + " must be a finite number, got " + j.get<std::string>());
  if (!j.is_number()) fail(Kind::Type, path, path + " must be a number, got " + describe(j));
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(Kind::Range, path, path + " must be a finite number, got " + formatNumber(v));
  return v;
}

float readFloat(const json& j, const std::string& path) {
  const double v = readDouble(j, path);
  if (std::fabs(v) > static_cast<double>(FLT_MAX))
    fail(Kind::Range, path, path + " must fit in float32 (|x| <= 3.4e38), got " + formatNumber(v));
  return static_cast<float>(v);
}

bool nonFiniteText(const json& j) { return j.is_string() && (j == "NaN" || j == "Infinity" || j == "-Infinity"); }

std::size_t readCount(const json& j, const std::string& path, std::size_t lo, std::size_t hi) {
  noteRead(j);
  const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
  if (nonFiniteText(j)) fail(Kind::Range, path, path + " must be " + range + ", got " + j.get<std::string>());
  if (!j.is_number()) fail(Kind::Type, path, path + " must be a whole number " + range + ", got " + describe(j));
  const double v = j.get<double>();
  if (!std::isfinite(v) || v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi))
    fail(Kind::Range, path, path + " must be " + range + ", got " + formatNumber(v));
  return static_cast<std::size_t>(v);
}

std::uint64_t readSeed(const json& j, const std::string& path) {
  noteRead(j);
  constexpr double kMax = 9007199254740991.0;  // 2^53 - 1: every such seed survives a trip through JS
  if (nonFiniteText(j)) fail(Kind::Range, path, path + " must be a whole number 0..2^53-1, got " + j.get<std::string>());
  if (!j.is_number()) fail(Kind::Type, path, path + " must be a whole number 0..2^53-1, got " + describe(j));
  const double v = j.get<double>();
  if (!std::isfinite(v) || v != std::floor(v) || v < 0 || v > kMax)
    fail(Kind::Range, path, path + " must be a whole number 0..2^53-1, got " + formatNumber(v));
  return static_cast<std::uint64_t>(v);
}

bool readBool(const json& j, const std::string& path) {
  if (!j.is_boolean()) fail(Kind::Type, path, path + " must be true or false, got " + describe(j));
  return j.get<bool>();
}

std::string readString(const json& j, const std::string& path) {
  if (!j.is_string()) fail(Kind::Type, path, path + " must be a string, got " + describe(j));
  return j.get<std::string>();
}

std::vector<float> readFloatList(const json& j, const std::string& path) {
  if (j.is_array()) {
    if (j.empty()) fail(Kind::Type, path, path + " must be a number or a non-empty array of numbers, got an empty array");
    std::vector<float> out;
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) out.push_back(readFloat(j[i], index(path, i)));
    return out;
  }
  const bool non_finite = j.is_string() && (j == "NaN" || j == "Infinity" || j == "-Infinity");
  if (!j.is_number() && !non_finite)
    fail(Kind::Type, path, path + " must be a number or an array of numbers, got " + describe(j));
  return {readFloat(j, path)};
}

void requireObject(const json& j, const std::string& path) {
  if (!j.is_object()) fail(Kind::Type, path, (path.empty() ? "the scenario" : path) + " must be a JSON object, got " + describe(j));
}

void checkKeys(const json& object, const std::string& path, std::initializer_list<const char*> allowed) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (ok) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    const std::string where = path.empty() ? "the scenario" : path;
    fail(Kind::Invalid, join(path, it.key()),
         "unknown field '" + it.key() + "' in " + where + " (accepted: " + list + ")");
  }
}

}  // namespace snn::detail
