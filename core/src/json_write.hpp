// Internal: a small JSON writer (much smaller code in WASM than the JSON library's own), and the writing of
// parsed JSON values (a resolved Scenario). Numbers are written in their shortest exact form; −0.0 keeps
// its sign ("-0.0": a bare "-0" reads back as the integer 0 in most JSON readers, Python's among them).
#pragma once

#include <string>

#include "json_read.hpp"

namespace snn::detail {

class JsonWriter {
 public:
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(const std::string& k);
  JsonWriter& string(const std::string& s);
  JsonWriter& number(double v);
  JsonWriter& boolean(bool b) { return raw(b ? "true" : "false"); }
  JsonWriter& null() { return raw("null"); }
  // A value written as it is (JSON text).
  JsonWriter& raw(const std::string& text);
  JsonWriter& value(const json& v);
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  std::string out_;
  bool first_ = true;     // no value yet at this level
  bool after_key_ = false;
};

// The text of one number as JsonWriter writes it.
std::string jsonNumber(double v);

}  // namespace snn::detail
