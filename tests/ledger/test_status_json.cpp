// What an operator asks of a store (issue 17, items 9 and 10): `status --format json` after a
// month of nightly audits names the last run, its result, the open and overdue alerts and the
// calendar's last official year; `jiandu runs` lists every night, the failed one too, with how
// it read the events; a rule file edited only in its comments does not force a full read,
// and one edited in substance is named.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/city.h"
#include "support/cli.h"

using namespace jiandu;
using test::run_cli;
namespace fs = std::filesystem;

namespace {
std::string november(int day) { return "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day); }
}  // namespace

TEST_CASE("status: the JSON an operator's monitor reads, after a month of audits", "[ledger][status]") {
  test::City city;
  std::string db = city.dir.path("city.db");
  std::string rules = test::source_path("rules");
  int rc = 0;
  for (int day = 1; day <= 30; ++day) {
    auto out = run_cli("audit --rules " + rules + " --db " + db + " --as-of " + november(day), rc);
    INFO(out);
    REQUIRE(rc == 0);
  }
  auto out = run_cli("status --db " + db + " --format json", rc);
  INFO(out);
  CHECK(rc == 0);
  auto j = nlohmann::json::parse(out);
  CHECK(j["audits"] == 30);
  CHECK(j["last_audit"]["run"] == 30);
  CHECK(j["last_audit"]["as_of"] == "2026-11-30");
  CHECK(j["last_audit"]["result"] == "judged");
  CHECK(j["last_audit"]["read"].get<std::string>().rfind("resumed from the audit as of 2026-11-29", 0) == 0);
  CHECK(j["last_failed_audit"].is_null());
  CHECK(j["calendar"]["last_official_year"] == 2026);
  CHECK(j["alerts"]["overdue_as_of"] == "2026-11-30");
  // The counts are the ledger's own: every open alert, and those past their rectification date.
  auto open = run_cli("alerts --db " + db + " --status open --format jsonl", rc);
  size_t lines = std::count(open.begin(), open.end(), '\n');
  CHECK(j["alerts"]["open"].get<size_t>() == lines);
  CHECK(j["alerts"]["open"].get<int>() > 0);
  CHECK(j["alerts"]["overdue"].get<int>() > 0);
  CHECK(j["alerts"]["overdue"].get<int>() <= j["alerts"]["open"].get<int>());

  // The history: newest first; a failed night is in it, and status then exits 1.
  fs::create_directories(city.dir.path("broken"));
  std::ofstream(city.dir.path("broken/bad.yaml")) << "rules:\n  - id: x\n    kind: nonsense\n";
  run_cli("audit --rules " + city.dir.path("broken") + " --db " + db + " --as-of 2026-12-01", rc);
  CHECK(rc == 2);
  out = run_cli("runs --db " + db + " --limit 3", rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("failed") && Catch::Contains("the rules have errors") && Catch::Contains("#30") &&
                      Catch::Contains("resumed from the audit as of 2026-11-29"));
  CHECK(out.find("failed") < out.find("#30"));
  out = run_cli("runs --db " + db + " --format jsonl --limit 40", rc);
  CHECK(std::count(out.begin(), out.end(), '\n') == 31);
  CHECK_THAT(out, Catch::Contains("\"result\":\"failed\"") && Catch::Contains("no checkpoint yet (the first audit of this store)"));
  out = run_cli("status --db " + db + " --format json", rc);
  CHECK(rc == 1);
  CHECK(nlohmann::json::parse(out)["last_failed_audit"]["as_of"] == "2026-12-01");
}

TEST_CASE("audit: a comment-only edit of a rule file resumes; an edit in substance names the file", "[ledger][resume]") {
  test::City city;
  std::string db = city.dir.path("city.db");
  std::string rules = city.dir.path("rules");
  fs::copy(test::source_path("rules"), rules, fs::copy_options::recursive);
  int rc = 0;
  auto out = run_cli("audit --rules " + rules + " --db " + db + " --as-of 2026-11-20", rc);
  REQUIRE(rc == 0);
  std::string file = rules + "/meetings/branch_meetings.yaml";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(file) << "# a note added by the rule author\n" << text << "\n# and another at the end\n";
  out = run_cli("audit --rules " + rules + " --db " + db + " --as-of 2026-11-21", rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("resumed from the audit as of 2026-11-20"));
  // A real change: at_least 1 → 2 of a rule in that file.
  auto at = text.find("at_least: 1");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "at_least: 2");
  std::ofstream(file) << text;
  out = run_cli("audit --rules " + rules + " --db " + db + " --as-of 2026-11-22", rc);
  CHECK_THAT(out, Catch::Contains("changed since the audit as of 2026-11-21: rule file meetings/branch_meetings.yaml changed"));
}
