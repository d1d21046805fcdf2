// Internal: reading one JSON object of a Scenario (a constructor, a generator, a layer) through the
// catalogue. Unknown keys are refused with the list of accepted ones, defaults come from the catalogue,
// and a field the catalogue does not describe cannot be read at all (a fault of the core, which every test
// that reaches it reports). When resolving, every value used is written out, defaults included.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "json_read.hpp"
#include "snn/catalogue.hpp"

namespace snn::detail {

class Fields {
 public:
  // `object` must be a JSON object (checked). `skip`: a key it may carry that is not one of `fields` (a
  // network layer's "type"). With `resolved`, the values used are written there as they are read.
  Fields(const json& object, std::string path, FieldList fields, json* resolved,
         const char* skip = nullptr);

  const std::string& path() const { return path_; }
  std::string at(const char* name) const { return join(path_, name); }
  // The catalogue's entry; std::logic_error when it has none.
  const FieldInfo& info(const char* name) const;
  // Present in the object (whatever its value).
  bool given(const char* name) const;
  // The value given, else the catalogue's default (Absent::Default), else null. Writes it to the resolved
  // object unless it is an inert field left at its default, or absent without a default.
  const json& get(const char* name);
  // What the resolved object says for a field whose default depends on the scenario (stop: num_steps).
  void resolveAs(const char* name, json value);
  // A field the parser read differently (a Lapicque "R": false that means absent): drop it from resolved.
  void unresolve(const char* name);

 private:
  const json& object_;
  std::string path_;
  FieldList fields_;
  json* resolved_;
  std::deque<json> defaults_;  // parsed defaults; a deque keeps references to them valid
};

// The parsed default of a catalogue field (Absent::Default), for code that needs it without an object.
json defaultOf(const FieldInfo& field);

}  // namespace snn::detail
