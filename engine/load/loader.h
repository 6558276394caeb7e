#pragma once
// YAML rule files → load::RuleFile, with a diagnostic (file:line:col) for every shape fault:
// unknown keys, wrong types, missing required fields, bad durations and dates.
#include "base/diagnostic.h"
#include "load/spec.h"

namespace jiandu::load {

RuleFile load_rule_file(const SourcePtr& src, Diagnostics& diags);

// The kinds, and for each the fields it takes (and which it needs).
const std::vector<std::string>& kinds();
struct FieldDef {
  const char* name;
  bool required;
};
const std::vector<FieldDef>& kind_fields(const std::string& kind);
const std::vector<FieldDef>& common_fields();

}  // namespace jiandu::load
