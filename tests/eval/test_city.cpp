// End to end: `check` over the example city finds exactly the deliberate lapses that
// examples/city/README.md lists, and nothing else.
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "compile/plan.h"
#include "eval/run.h"
#include "org/org_graph.h"
#include "support/city.h"

using namespace jiandu;

namespace {

struct Lapse {
  std::string rule, subject, where, outcome;
};

// The lapse table of the README: | # | rule | subject | period / ref / event | outcome | detail |
std::vector<Lapse> readme_lapses() {
  std::ifstream in(test::source_path("examples/city/README.md"));
  std::vector<Lapse> out;
  std::regex row(R"(^\|\s*\d+\s*\|\s*`?([a-z0-9_.]+)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*`?([a-z_]+)`?\s*\|)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, row)) out.push_back({m[1], m[2], m[3], m[4]});
  }
  return out;
}

bool same(const Lapse& l, const eval::Finding& f) {
  if (l.rule != f.rule->id || l.subject != f.subject_id || l.outcome != check::name(f.outcome)) return false;
  return l.where == f.period || l.where == f.key || f.key.rfind(l.where + "|", 0) == 0;
}

}  // namespace

TEST_CASE("check: the example city has exactly the lapses its README lists", "[eval][city]") {
  test::City city;
  auto lapses = readme_lapses();
  REQUIRE(lapses.size() >= 12);
  auto result = city.check_as_of("2026-11-20");
  for (auto& [id, s] : result.stats) {
    INFO(id << ": " << (s.fault_list.empty() ? "" : s.fault_list[0].reason));
    CHECK(s.faults == 0);
  }
  std::vector<bool> used(result.findings.size(), false);
  for (auto& l : lapses) {
    bool found = false;
    for (size_t i = 0; i < result.findings.size() && !found; ++i)
      if (!used[i] && same(l, result.findings[i])) used[i] = found = true;
    INFO("README lapse not found: " << l.rule << " " << l.subject << " " << l.where << " " << l.outcome);
    CHECK(found);
  }
  for (size_t i = 0; i < result.findings.size(); ++i) {
    auto& f = result.findings[i];
    INFO("finding not in the README: " << f.stable_key() << " " << check::name(f.outcome) << " — " << f.message);
    CHECK(used[i]);
  }
}

TEST_CASE("check: --org keeps the findings of one unit's subtree", "[eval][city]") {
  test::City city;
  Diagnostics diags;
  auto plan = compile::compile(*city.rules, city.store->catalog(), diags);
  auto orgs = org::OrgGraph::load(*city.store);
  auto all = eval::run(*city.store, plan, orgs, city.calendar, {*Date::parse("2026-11-20"), std::nullopt});
  auto czj = eval::run(*city.store, plan, orgs, city.calendar, {*Date::parse("2026-11-20"), std::string("czj")});
  size_t expected = 0;
  for (auto& f : all.findings) expected += f.org >= 0 && orgs.within(f.org, orgs.org_index("czj"));
  CHECK(czj.findings.size() == expected);
  CHECK(expected > 0);
  CHECK(expected < all.findings.size());
  for (auto& f : czj.findings) CHECK(orgs.within(f.org, orgs.org_index("czj")));
}
