#include "support/city.h"

#include <catch2/catch.hpp>

#include "check/checker.h"
#include "compile/plan.h"
#include "org/org_graph.h"
#include "store/import.h"

namespace jiandu::test {

std::string source_path(const std::string& relative) { return std::string(JIANDU_SOURCE_DIR) + "/" + relative; }

std::shared_ptr<check::RuleSet> library_rules(const Catalog& catalog) {
  auto paths = check::discover({source_path("rules")});
  std::vector<SourcePtr> sources;
  for (auto& f : paths.rules) sources.push_back(Source::read_file(f));
  Diagnostics diags;
  auto set = check::check_rules(sources, catalog, {*Date::parse("2026-11-26")}, diags);
  INFO(render_all(diags));
  REQUIRE_FALSE(diags.has_errors());
  return set;
}

Calendar library_calendar() { return Calendar::from_files(check::discover({source_path("rules")}).calendars); }

City::City() {
  store = Store::create(dir.path("city.db"));
  std::vector<std::string> files;
  for (auto f : {"orgs.csv", "people.csv", "roles.csv", "events.csv", "events-2026.jsonl"})
    files.push_back(source_path(std::string("examples/city/") + f));
  auto report = import_files(*store, files);
  REQUIRE(report.rejections.empty());
  rules = library_rules(store->catalog());
  calendar = library_calendar();
}

eval::RunResult City::check_as_of(const std::string& date) {
  Diagnostics diags;
  auto plan = compile::compile(*rules, store->catalog(), diags);
  INFO(render_all(diags));
  REQUIRE_FALSE(diags.has_errors());
  auto orgs = org::OrgGraph::load(*store);
  return eval::run(*store, plan, orgs, calendar, {*Date::parse(date), std::nullopt});
}

}  // namespace jiandu::test
