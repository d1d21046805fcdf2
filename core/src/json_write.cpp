#include "json_write.hpp"

#include <cmath>
#include <cstdio>

namespace snn::detail {

std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == 0 && std::signbit(v)) return "-0.0";
  return formatNumber(v);
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ", ";
  first_ = false;
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::key(const std::string& k) {
  string(k);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(const std::string& s) {
  separate();
  out_ += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out_ += '\\';
      out_ += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out_ += buf;
    } else {
      out_ += ch;
    }
  }
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::number(double v) { return raw(jsonNumber(v)); }

JsonWriter& JsonWriter::raw(const std::string& text) {
  separate();
  out_ += text;
  return *this;
}

JsonWriter& JsonWriter::value(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
      beginObject();
      for (auto it = v.begin(); it != v.end(); ++it) key(it.key()).value(it.value());
      return endObject();
    case json::value_t::array:
      beginArray();
      for (const auto& item : v) value(item);
      return endArray();
    case json::value_t::string: return string(v.get_ref<const std::string&>());
    case json::value_t::boolean: return boolean(v.get<bool>());
    case json::value_t::number_integer: return raw(std::to_string(v.get<std::int64_t>()));
    case json::value_t::number_unsigned: return raw(std::to_string(v.get<std::uint64_t>()));
    case json::value_t::number_float: return number(v.get<double>());
    default: return null();
  }
}

}  // namespace snn::detail
