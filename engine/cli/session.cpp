#include "cli/session.h"

#include <algorithm>
#include <filesystem>

#include "base/error.h"
#include "base/suggest.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "ledger/authority.h"

namespace jiandu::cli {
namespace fs = std::filesystem;

namespace {

// A deployment's calendars live in a calendars/ folder of the rules; when only some rule
// files are named, look for one beside them or a few folders up.
std::vector<std::string> find_calendars(const std::vector<std::string>& paths) {
  for (auto& p : paths)
    if (auto root = rule_set_root(p)) return calendar_files((fs::path(*root) / "calendars").string());
  return {};
}

}  // namespace

Session::Session(Store& store, const RuleInputs& in) : store_(&store), catalog_(store.catalog()), as_of_(in.as_of) {
  require_store_catalog(store, in.catalog);
  load(in);
}

Session::Session(const RuleInputs& in) : catalog_(catalog_for(in.catalog, "")), as_of_(in.as_of) { load(in); }

void Session::load(const RuleInputs& in) {
  paths_ = check::discover(in.rules);
  for (auto& p : in.rules) where_ += (where_.empty() ? "" : ", ") + p;
  if (paths_.rules.empty()) {
    throw Error(where_ + ": no rule files there (rules are *.yaml or *.yml files, outside calendars/ and policy/)");
  }
  use_rule_set_vocabulary(paths_.policies);
  // The rule set's authority policy is checked with the rules: an audit over a broken one
  // would run, and every action after it fail.
  for (auto& f : paths_.policies)
    if (fs::path(f).filename() == "authority.yaml") (void)ledger::Authority::from_file(f);
  std::vector<SourcePtr> sources;
  for (auto& f : paths_.rules) sources.push_back(Source::read_file(f));
  Diagnostics diags;
  rules_ = check::check_rules(sources, catalog_, {as_of_, &vocabulary()}, diags);
  diags.sort();
  if (diags.has_errors()) throw Error("the rules have errors (run jiandu lint for all of them):\n" + render_all(diags));
  auto cals = !in.calendars.empty() ? calendar_files(in.calendars) : paths_.calendars.empty() ? find_calendars(in.rules) : paths_.calendars;
  calendar_ = Calendar::with_files(cals);
  // A day after the last calendar year cannot be judged (every working-day count stops there);
  // said before the run, which would otherwise first work through all the years up to it.
  // (Days before the calendars are judged as far as no working day is counted there.)
  auto official = calendar_.years(), provisional = calendar_.provisional_years();
  int last = std::max(official.empty() ? 0 : official.back(), provisional.empty() ? 0 : provisional.back());
  if (as_of_.year() > last) {
    try {
      (void)calendar_.is_workday(as_of_);
    } catch (const CalendarError& e) {
      throw Error("judging as of " + as_of_.str() + ": " + e.what());
    }
  }
}

const check::Rule& Session::rule(const std::string& id, const char* option) const {
  if (auto* r = rules_->find(id)) return *r;
  std::vector<std::string> ids;
  for (auto& r : rules_->rules) ids.push_back(r.id);
  throw Error(std::string(option) + " " + id + ": no such rule in " + where_ + did_you_mean(id, ids));
}

compile::Plan Session::compile(const std::vector<std::string>& only) const {
  for (auto& id : only) (void)rule(id);
  return compile::compile_or_fail(*rules_, catalog_, only);
}

ledger::Policy Session::policy() const { return ledger::load_policy(paths_.policies); }

Store& Session::store() {
  if (!store_) throw Error("this command has no store (--db)");
  return *store_;
}

const org::OrgGraph& Session::orgs() {
  if (!orgs_) orgs_ = org::OrgGraph::load(store());
  return *orgs_;
}

}  // namespace jiandu::cli
