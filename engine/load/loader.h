#pragma once
// YAML rule files → load::RuleFile, with a diagnostic (file:line:col) for every shape fault:
// unknown keys, wrong types, missing required fields, bad durations and dates.
#include "base/diagnostic.h"
#include "load/kinds.h"
#include "load/spec.h"

namespace jiandu::load {

RuleFile load_rule_file(const SourcePtr& src, Diagnostics& diags);

}  // namespace jiandu::load
