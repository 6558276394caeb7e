#pragma once
// Rule files → a checked RuleSet: shapes (load/), names and duplicates, each kind's fields,
// every expression typed (expr/), message templates, and the static warnings.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/vocabulary.h"
#include "check/rules.h"
#include "store/catalog.h"

namespace jiandu::check {

// What a rules path holds: rule files, rule tests, calendars and policy files.
struct RulePaths {
  std::vector<std::string> rules, tests, calendars, policies;
};
// Files and folders (recursively); throws Error for a path that does not exist.
RulePaths discover(const std::vector<std::string>& paths);
// .yaml or .yml, in any case: a file named RULES.YAML is read, not silently skipped.
bool is_yaml(const std::filesystem::path& p);

struct CheckOptions {
  Date today;                              // for "effective.to has passed"
  const Vocabulary* vocabulary = nullptr;  // the roles and org kinds rules may name (default: built-in)
};

// Checks the rule files; the RuleSet holds the rules without errors (the caller decides
// whether any error stops it).
std::shared_ptr<RuleSet> check_rules(const std::vector<SourcePtr>& sources, const Catalog& catalog, const CheckOptions& opts,
                                     Diagnostics& diags);

}  // namespace jiandu::check
