#pragma once
// The one way a command that runs rules opens what it works on, so every command applies the
// same diagnostics policy and the same catalog and calendar discovery:
//   - the catalog: the store's (a --catalog file must be the one it keeps), or with no store
//     the built-in one extended by --catalog;
//   - the rule set, checked against that catalog: any error stops the command, every
//     diagnostic printed with its caret (jiandu lint shows the same);
//   - the vocabulary and authority policy of the rule set, checked with it;
//   - the calendar: --calendars, else the calendars/ folder of the rule set;
//   - the plan, compiled with the same policy (errors stop the command);
//   - the organisation of the store, loaded once.
// A command that cannot open something throws Error; main turns that into the exit status.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "check/checker.h"
#include "compile/plan.h"
#include "ledger/policy.h"
#include "org/org_graph.h"
#include "store/catalog.h"
#include "store/store.h"

namespace jiandu::cli {

struct RuleInputs {
  std::vector<std::string> rules;  // --rules: files or folders
  std::string catalog;             // --catalog FILE
  std::string calendars;           // --calendars DIR
  Date as_of;                      // judging as of this day
};

class Session {
 public:
  // Rules judged against a store (which the caller opened, and keeps open while this lives).
  Session(Store& store, const RuleInputs& in);
  // Rules with no store (jiandu graph, jiandu test).
  explicit Session(const RuleInputs& in);

  Date as_of() const { return as_of_; }
  const Catalog& catalog() const { return catalog_; }
  const check::RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<check::RuleSet>& rules_ptr() const { return rules_; }
  const check::RulePaths& paths() const { return paths_; }
  const Calendar& calendar() const { return calendar_; }

  // A rule named on the command line (by `option`, e.g. "--rule"): Error with "did you mean"
  // when the rule set has no such rule.
  const check::Rule& rule(const std::string& id, const char* option = "--rule") const;
  // The plan of every rule, or of `only` and the rules they read.
  compile::Plan compile(const std::vector<std::string>& only = {}) const;
  // The accountability policy and the four forms of the rule set (jiandu audit).
  ledger::Policy policy() const;
  // The store's organisation, loaded on first use (only with a store).
  const org::OrgGraph& orgs();
  Store& store();

 private:
  void load(const RuleInputs& in);

  Store* store_ = nullptr;
  std::string where_;  // the --rules paths, for messages
  Catalog catalog_;
  Date as_of_;
  check::RulePaths paths_;
  std::shared_ptr<check::RuleSet> rules_;
  Calendar calendar_;
  std::optional<org::OrgGraph> orgs_;
};

}  // namespace jiandu::cli
