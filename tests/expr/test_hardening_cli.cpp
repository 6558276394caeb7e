// The probe's inputs through the command line, as a user meets them (issue 14): each exits
// with its code and a message naming the file and line, quickly, and never by a signal.
#include <chrono>

#include <catch2/catch.hpp>

#include "support/cli.h"
#include "support/temp_dir.h"

namespace {

using jiandu::test::run_cli;

std::string rule_file(const std::string& id, const std::string& when) {
  return "rules:\n"
         "  - id: " +
         id +
         "\n"
         "    title: 节假日公款吃喝\n"
         "    basis: 中央八项规定\n"
         "    severity: high\n"
         "    effective: {from: 2013-01-01}\n"
         "    owner: organ_committee_secretary\n"
         "    kind: match\n"
         "    when: " +
         when + "\n";
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

struct Timer {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); }
};

}  // namespace

TEST_CASE("hardening cli: a 1 MB rule id is checked in one pass; a bad one is E014, quoted short", "[hardening][cli]") {
  jiandu::test::TempDir dir;
  Timer t;
  int rc = -1;
  auto good = dir.write("good.yaml", rule_file(std::string(1 << 20, 'a'), "event.type == \"expense.meal\""));
  CHECK(run_cli("lint " + good, rc).find("1 rule without errors") != std::string::npos);
  CHECK(rc == 0);
  auto bad = dir.write("bad.yaml", rule_file(repeat("a.", 1 << 19) + "B", "event.type == \"expense.meal\""));
  auto out = run_cli("lint " + bad, rc);
  CHECK(rc == 1);
  CHECK(out.find("bad.yaml:2:9: error: a rule id is lowercase words separated by dots") != std::string::npos);
  CHECK(out.find("… (1048577 bytes)' [E014]") != std::string::npos);
  CHECK(t.seconds() < 10.0);
}

TEST_CASE("hardening cli: 20,000 '&&' terms are E103 at file:line:col, quickly", "[hardening][cli]") {
  jiandu::test::TempDir dir;
  Timer t;
  std::string when = "event.type == \"expense.meal\"" + repeat(" && event.attrs.diners > 1", 20000);
  auto f = dir.write("chain.yaml", rule_file("x.chain", when));
  int rc = -1;
  auto out = run_cli("lint " + f, rc);
  CHECK(rc == 1);
  // Five nodes a term: the size limit is reached before the height limit, at the 2,001st term.
  CHECK(out.find("chain.yaml:9:43359: error: expression too large: more than 10000 nodes (the limit is 10000)") != std::string::npos);
  CHECK(out.find("[E103]") != std::string::npos);
  CHECK(t.seconds() < 10.0);
}

TEST_CASE("hardening cli: INT64_MIN / -1 and a wrapping product are unjudged obligations, exit 3", "[hardening][cli]") {
  jiandu::test::TempDir dir;
  int rc = -1;
  std::string db = dir.path("s.db");
  run_cli("init " + db, rc);
  REQUIRE(rc == 0);
  run_cli("import --db " + db + " " + dir.write("orgs.csv", "id,parent,kind,name\no1,,organ,局\n") + " " +
              dir.write("events.jsonl", R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1,"diners":1}})"
                                        "\n"),
          rc);
  REQUIRE(rc == 0);
  auto div =
      dir.write("div.yaml", rule_file("x.div", "event.type == \"expense.meal\" && (-9223372036854775807 - event.attrs.diners) / -1 > 0"));
  auto out = run_cli("check --rules " + div + " --db " + db + " --as-of 2024-02-01", rc);
  CHECK(rc == 3);
  CHECK(out.find("rule x.div about o1 (record e1): integer overflow in -9223372036854775808 / -1") != std::string::npos);
  auto mul =
      dir.write("mul.yaml", rule_file("x.mul", "event.type == \"expense.meal\" && event.attrs.diners * 9223372036854775807 * 2 > 0"));
  out = run_cli("check --rules " + mul + " --db " + db + " --as-of 2024-02-01", rc);
  CHECK(rc == 3);
  CHECK(out.find("integer overflow in 9223372036854775807 * 2") != std::string::npos);
}

TEST_CASE("hardening cli: an import with attrs nested 100,000 deep quarantines the line, exit 1", "[hardening][cli]") {
  jiandu::test::TempDir dir;
  int rc = -1;
  std::string db = dir.path("s.db");
  run_cli("init " + db, rc);
  auto events = dir.write("events.jsonl", R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1}})"
                                          "\n"
                                          R"({"id":"e2","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":)" +
                                              repeat("[", 100000) + repeat("]", 100000) + "}}\n");
  auto out = run_cli("import --db " + db + " " + dir.write("orgs.csv", "id,parent,kind,name\no1,,organ,局\n") + " " + events, rc);
  CHECK(rc == 1);
  CHECK(out.find("events.jsonl:2: nested deeper than 64 levels of arrays and objects [bad_json]") != std::string::npos);
  CHECK(out.find("events        1 added") != std::string::npos);
}
