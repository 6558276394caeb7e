// The table of diagnostic codes (issue 15): a diagnostic takes its severity from its code,
// so a warning code is counted as a warning wherever it is reported, and every id is one
// letter and three digits, once.
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "base/diagnostic.h"

using namespace jiandu;

TEST_CASE("codes: each id once, well formed, W codes are the warnings", "[diagnostic]") {
  std::set<std::string_view> ids;
  const std::regex shape("[EWTKCAPV][0-9]{3}");
  for (const Code& c : all_codes()) {
    INFO(c.id);
    CHECK(ids.insert(c.id).second);
    CHECK(std::regex_match(std::string(c.id), shape));
    CHECK_FALSE(c.meaning.empty());
    if (c.id.front() == 'W') CHECK(c.severity == Severity::warning);
  }
  CHECK(ids.size() >= 90);
}

TEST_CASE("codes: a diagnostic has its code's id and severity", "[diagnostic]") {
  auto src = std::make_shared<const Source>("r.yaml", "a: 1\n");
  Diagnostics d;
  d.report(code::W302, Span{src, 0, 1}, "unused macro 'x'");
  d.report(code::E204, Span{src, 3, 1}, "type mismatch");
  REQUIRE(d.items().size() == 2);
  CHECK(d.items()[0].code == "W302");
  CHECK(d.items()[0].severity == Severity::warning);
  CHECK(d.items()[1].code == "E204");
  CHECK(d.count(Severity::warning) == 1);
  CHECK(d.count(Severity::error) == 1);
  CHECK(render(d.items()[0]).find("r.yaml:1:1: warning: unused macro 'x' [W302]") == 0);
}
