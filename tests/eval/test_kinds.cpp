// The kinds are described once (load/kinds.h) and every stage's per-kind table follows that
// description: a rule can produce only outcomes its kind declares, and the engine produces only
// outcomes its rule can — what rule-test coverage and the ledger rely on.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "check/kinds.h"
#include "check/outcome.h"
#include "support/city.h"

using namespace jiandu;

TEST_CASE("kinds: each kind's name is its own, in the order of the enumeration", "[kinds]") {
  std::set<std::string> names;
  for (size_t i = 0; i < load::kKindCount; ++i) {
    auto& d = load::kind_defs()[i];
    CHECK(static_cast<size_t>(d.kind) == i);
    CHECK(load::kind_from(d.name) == d.kind);
    CHECK(names.insert(d.name).second);
    CHECK_FALSE(d.outcomes.empty());
    CHECK(check::kind_rules(d.kind).kind == d.kind);
  }
  CHECK_FALSE(load::kind_from("Match"));
  CHECK_FALSE(load::kind_from(""));
}

TEST_CASE("kinds: a rule's outcomes are its kind's, narrowed by its fields", "[kinds]") {
  test::City city;
  std::set<load::Kind> seen;
  for (auto& r : city.rules->rules) {
    INFO("rule " << r.id);
    seen.insert(r.kind);
    auto mine = check::outcomes_of(r);
    CHECK_FALSE(mine.empty());
    auto all = load::def(r.kind).outcomes;
    for (auto o : mine) CHECK(std::find(all.begin(), all.end(), o) != all.end());
    if (r.kind == load::Kind::deadline)
      CHECK((std::find(mine.begin(), mine.end(), check::Outcome::due_soon) != mine.end()) == r.warn.has_value());
  }
  CHECK(seen.size() == load::kKindCount);  // the library uses every kind
}

TEST_CASE("kinds: every finding of the library on the example city has an outcome its rule declares", "[kinds][city]") {
  test::City city;
  auto result = city.check_as_of("2026-11-20");
  REQUIRE(result.findings.size() > 10);
  std::set<load::Kind> kinds;
  for (auto& f : result.findings) {
    INFO(f.rule->id << " " << check::name(f.outcome));
    auto mine = check::outcomes_of(*f.rule);
    CHECK(std::find(mine.begin(), mine.end(), f.outcome) != mine.end());
    kinds.insert(f.rule->kind);
  }
  CHECK(kinds.size() >= 5);
}
