// A large rule set is read on several threads: every file's rules and diagnostics arrive, in
// the files' order, as if read one after another.
#include <algorithm>

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "check/checker.h"

using namespace jiandu;

TEST_CASE("lint: a hundred rule files read together keep their order and every diagnostic", "[lint]") {
  std::vector<SourcePtr> sources;
  for (int i = 0; i < 100; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "%03d", i);
    // Every third file has a mistake in it; the others are clean.
    std::string when = i % 3 == 0 ? "event.type == \"car.use\" && event.attrs.purpse == \"private\""
                                  : "event.type == \"car.use\" && event.attrs.purpose == \"private\"";
    sources.push_back(std::make_shared<const Source>(
        std::string("r") + id + ".yaml", std::string("rules:\n  - id: many.r") + id +
                                             "\n    title: 公车私用\n    basis: 测试\n    severity: high\n    owner: branch_secretary\n"
                                             "    kind: match\n    effective: {from: 2025-01-01}\n    when: '" +
                                             when + "'\n"));
  }
  Diagnostics diags;
  auto set = check::check_rules(sources, Catalog::builtin(), {*Date::parse("2026-11-26")}, diags);
  REQUIRE(set->files.size() == 100);
  for (size_t i = 0; i < set->files.size(); ++i) CHECK(set->files[i].source == sources[i]);
  CHECK(set->rules.size() == 66);
  std::vector<std::string> files;
  for (auto& d : diags.items())
    if (d.code == "E203") files.push_back(d.span.source->name());
  REQUIRE(files.size() == 34);
  CHECK(files.front() == "r000.yaml");
  CHECK(files[1] == "r003.yaml");
  CHECK(files.back() == "r099.yaml");
  CHECK(std::is_sorted(files.begin(), files.end()));
}
