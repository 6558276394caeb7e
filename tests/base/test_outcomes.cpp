// One outcome vocabulary (issue 17, item 4): every outcome has one name and one label, the
// old name of a deadline's missing duty is told its new one, and docs/rule-language.md §3.8
// lists each with the label the engine uses.
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "check/outcome.h"

using namespace jiandu;

TEST_CASE("outcomes: names and labels are one each, and read back", "[outcome]") {
  std::set<std::string> names, labels;
  for (auto o : check::kOutcomes) {
    CHECK(names.insert(check::name(o)).second);
    CHECK(labels.insert(check::label(o)).second);
    CHECK(check::outcome_from(check::name(o)) == o);
  }
  CHECK(names.size() == 10);
  CHECK_FALSE(check::outcome_from("overdue"));
  CHECK(check::renamed_outcome("overdue") == check::Outcome::missing);
  CHECK_FALSE(check::renamed_outcome("late"));
}

TEST_CASE("outcomes: the rule language's table lists every outcome with its label", "[outcome][docs]") {
  std::ifstream in(std::string(JIANDU_SOURCE_DIR) + "/docs/rule-language.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  auto at = doc.find("### 3.8 Outcomes");
  REQUIRE(at != std::string::npos);
  std::string section = doc.substr(at, doc.find("\n## ", at) - at);
  for (auto o : check::kOutcomes) {
    INFO(check::name(o));
    CHECK(section.find(std::string("| `") + check::name(o) + "` | " + check::label(o) + " |") != std::string::npos);
  }
}
