#include "fields.hpp"

#include <cstring>
#include <stdexcept>

namespace snn::detail {

Fields::Fields(const json& object, std::string path, FieldList fields, json* resolved,
               const char* skip)
    : object_(object), path_(std::move(path)), fields_(fields), resolved_(resolved) {
  requireObject(object_, path_);
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (findField(fields_, it.key()) || (skip && it.key() == skip)) continue;
    std::string list;
    for (const auto& f : fields_)
      if (f.type != FieldType::Any) list += (list.empty() ? "" : ", ") + std::string(f.name);
    const std::string where = path_.empty() ? "the scenario" : path_;
    fail(Kind::Invalid, join(path_, it.key()), "unknown field '" + it.key() + "' in " + where + " (accepted: " + list + ")");
  }
}

const FieldInfo& Fields::info(const char* name) const {
  if (const FieldInfo* f = findField(fields_, name)) return *f;
  throw std::logic_error(std::string("the core reads '") + name + "' in " + (path_.empty() ? "the scenario" : path_) +
                         ", which the catalogue does not describe (add it to core/src/catalogue.cpp)");
}

bool Fields::given(const char* name) const {
  (void)info(name);
  return object_.contains(name);
}

json defaultOf(const FieldInfo& field) {
  if (field.absent_kind != Absent::Default) return nullptr;
  return parseJson(field.default_json, field.default_json + std::strlen(field.default_json), field.name);
}

const json& Fields::get(const char* name) {
  const FieldInfo& f = info(name);
  const auto it = object_.find(name);
  if (it != object_.end()) {
    if (resolved_) (*resolved_)[name] = *it;
    return *it;
  }
  defaults_.push_back(defaultOf(f));
  if (resolved_ && f.forward && f.absent_kind == Absent::Default) (*resolved_)[name] = defaults_.back();
  return defaults_.back();
}

void Fields::resolveAs(const char* name, json value) {
  (void)info(name);
  if (resolved_) (*resolved_)[name] = std::move(value);
}

void Fields::unresolve(const char* name) {
  if (resolved_) resolved_->erase(name);
}

}  // namespace snn::detail
