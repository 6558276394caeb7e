#pragma once
// Loading and checking a rule set from paths for the commands that run rules: lint errors
// stop them (printed with their carets), warnings are shown once.
#include <memory>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "check/checker.h"

namespace jiandu::cli {

struct LoadedRules {
  std::shared_ptr<check::RuleSet> rules;
  Calendar calendar;
  check::RulePaths paths;
};

// Throws Error (with the rendered diagnostics) when the rules have errors.
LoadedRules load_rules(const std::vector<std::string>& paths, const Catalog& catalog, Date today);

}  // namespace jiandu::cli
