// No obligation lost: a deadline that runs into a year without a State Council notice is
// judged on the provisional calendar and says so everywhere; the official notice moves it,
// on the trail; an obligation that could not be judged is never "no findings".
#include <filesystem>

#include <catch2/catch.hpp>

#include "ledger_fixture.h"
#include "support/cli.h"

using namespace jiandu;
using test::run_cli;

namespace {

// An instruction studied within 15 workdays (the December case of issue 11).
const char* kStudyRule = R"(rules:
  - id: t.study
    title: 收到指示批示后15个工作日内组织学习
    basis: 测试依据第三条
    severity: medium
    effective: {from: 2025-01-01}
    owner: party_group_secretary
    kind: deadline
    on: event.type == "instruction.received"
    expect: event.type == "instruction.studied"
    correlate: [ref]
    within: 15 workdays
    message: "{org.name} 收到指示批示（{trigger.ref}）后未在 {due} 前组织学习"
)";

struct December : test::LedgerStore {
  December() : LedgerStore(kStudyRule) { events(test::event("I1", "2026-12-20T10:00", "instruction.received", "o1.pg", "", "zs-99")); }
  std::string rules_dir() { return dir.path("rules"); }
};

}  // namespace

TEST_CASE("unjudged: a December deadline into provisional 2027 opens an alert due 2027-01-11, marked provisional", "[ledger][calendar]") {
  December s;
  s.audit("2027-01-11");
  CHECK(s.count("alerts") == 0);  // the due date itself is not overdue
  s.audit("2027-01-12");
  std::string a = s.alert("t.study", "o1.pg");
  CHECK(s.col(a, "due") == "2027-01-11");
  CHECK(s.col(a, "provisional") == "[2027]");
  CHECK(s.col(a, "lapse_date") == "2027-01-11");
  CHECK_THAT(s.entry(a, 0, "reason"), Catch::Contains("期限 2027-01-11 2027年按暂定日历计算，待国务院办公厅通知"));

  int rc = 0;
  auto jsonl = run_cli("check --rules " + s.rules_dir() + " --db " + s.path() + " --as-of 2027-01-12 --format jsonl", rc);
  CHECK(rc == 0);
  CHECK_THAT(jsonl, Catch::Contains("\"calendar\":\"provisional\"") && Catch::Contains("\"provisional_years\":[2027]"));
  auto table = run_cli("check --rules " + s.rules_dir() + " --db " + s.path() + " --as-of 2027-01-12", rc);
  CHECK_THAT(table, Catch::Contains("2027-01-11*") && Catch::Contains("* 2027年按暂定日历计算"));
  auto alerts = run_cli("alerts --db " + s.path() + " --format jsonl", rc);
  CHECK_THAT(alerts, Catch::Contains("\"due\":\"2027-01-11\"") && Catch::Contains("\"calendar\":\"provisional\""));
  auto trail = run_cli("trail --db " + s.path() + " " + a, rc);
  CHECK_THAT(trail, Catch::Contains("2027-01-11") && Catch::Contains("2027年按暂定日历计算，待国务院办公厅通知"));
  auto explain =
      run_cli("explain --rules " + s.rules_dir() + " --db " + s.path() + " --rule t.study --subject o1.pg --as-of 2027-01-12", rc);
  CHECK(rc == 0);
  // The message gives the due date; the conclusion adds that its year is provisional.
  CHECK_THAT(explain, Catch::Contains("2027-01-11 前组织学习（2027年按暂定日历计算，待国务院办公厅通知）"));
  auto html = s.dir.path("r.html");
  run_cli("report --db " + s.path() + " --html " + html, rc);
  CHECK(rc == 0);
  std::ifstream in(html);
  std::string page((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(page, Catch::Contains("2027年按暂定日历计算，待国务院办公厅通知"));
}

TEST_CASE("unjudged: the official notice for 2027 moves the due date, and the trail records old → new", "[ledger][calendar]") {
  December s;
  s.audit("2027-01-12");
  std::string a = s.alert("t.study", "o1.pg");
  REQUIRE(s.col(a, "due") == "2027-01-11");
  // The notice arrives with a make-up Saturday, 2027-01-09: 15 workdays end that day.
  Diagnostics diags;
  Calendar notice;
  notice.load(std::make_shared<const Source>("2027.yaml",
                                             "year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-01}\n"
                                             "workdays: [2027-01-09]\n"),
              diags);
  REQUIRE_FALSE(diags.has_errors());
  s.calendar.overlay(notice);
  auto sum = s.audit("2027-01-13");
  CHECK_FALSE(sum.resumed);  // the calendars changed: everything is read again
  CHECK(sum.redated == 1);
  CHECK(s.col(a, "due") == "2027-01-09");
  CHECK(s.col(a, "provisional") == "NULL");
  CHECK(s.steps(a) == "(new)>assigned assigned>assigned");
  CHECK_THAT(s.entry(a, -1, "reason"), Catch::Contains("期限变更：2027-01-11 → 2027-01-09") && Catch::Contains("原按暂定日历计算"));
  // The next night it is on record as it is.
  s.audit("2027-01-14");
  CHECK(s.steps(a) == "(new)>assigned assigned>assigned");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
}

TEST_CASE("unjudged: a rule set kept outside the repository, with no calendars beside it, judges as the repository's", "[calendar]") {
  test::City city;
  namespace fs = std::filesystem;
  test::TempDir elsewhere;
  for (auto& e : fs::recursive_directory_iterator(test::source_path("rules"))) {
    auto rel = fs::relative(e.path(), test::source_path("rules"));
    if (rel.begin()->string() == "calendars") continue;
    if (e.is_directory())
      fs::create_directories(fs::path(elsewhere.path("rules")) / rel);
    else
      fs::copy_file(e.path(), fs::path(elsewhere.path("rules")) / rel);
  }
  REQUIRE_FALSE(fs::exists(elsewhere.path("rules/calendars")));
  std::string db = city.dir.path("city.db");
  city.store.reset();
  int rc_repo = 0, rc_away = 0;
  auto repo = run_cli("check --rules " + test::source_path("rules") + " --db " + db + " --as-of 2026-11-20 --format jsonl", rc_repo);
  auto away = run_cli("check --rules " + elsewhere.path("rules") + " --db " + db + " --as-of 2026-11-20 --format jsonl", rc_away);
  CHECK(rc_repo == 0);
  CHECK(rc_away == 0);
  CHECK(std::count(repo.begin(), repo.end(), '\n') > 15);
  CHECK(away == repo);
}

TEST_CASE("unjudged: an obligation that could not be judged is recorded and fails every command loudly", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  // A letter with no reference: the obligation exists, but nothing can be matched to it.
  s.events(test::event("L1", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "") +
           test::event("L2", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx2"));
  auto sum = s.audit("2026-11-20");
  CHECK(sum.faults == 1);
  CHECK(s.count("run_faults") == 1);
  CHECK(s.dump("run_faults").find("t.reply") != std::string::npos);
  {
    SQLite::Statement f(s.db(), "SELECT rule, subject, event, reason FROM run_faults");
    REQUIRE(f.executeStep());
    CHECK(f.getColumn(0).getString() == "t.reply");
    CHECK(f.getColumn(1).getString() == "p4");
    CHECK(f.getColumn(2).getString() == "L1");
    CHECK_THAT(f.getColumn(3).getString(), Catch::Contains("lacks a correlation key"));
  }
  CHECK(s.count("alerts") == 1);  // the other letter's lapse is still found

  std::string rules = s.dir.path("rules"), db = s.path();
  int rc = 0;
  auto check = run_cli("check --rules " + rules + " --db " + db + " --as-of 2026-11-20", rc);
  CHECK(rc == 3);
  CHECK_THAT(check, Catch::Contains("1 obligation could not be judged") && Catch::Contains("rule t.reply about p4 (record L1)"));
  run_cli("check --rules " + rules + " --db " + db + " --as-of 2026-11-20 --fail-on critical", rc);
  CHECK(rc == 3);
  auto audit = run_cli("audit --rules " + rules + " --db " + db + " --as-of 2026-11-21", rc);
  CHECK(rc == 3);
  CHECK_THAT(audit, Catch::Contains("could not be judged"));
  auto status = run_cli("status --db " + db, rc);
  CHECK(rc == 3);
  CHECK_THAT(status, Catch::Contains("1 obligation could not be judged") && Catch::Contains("record L1"));
  auto explain = run_cli("explain --rules " + rules + " --db " + db + " --rule t.reply --subject p4 --as-of 2026-11-20", rc);
  CHECK(rc == 3);
  CHECK_THAT(explain, Catch::Contains("结论：未能判断") && Catch::Contains("记录 L1"));
  CHECK_THAT(explain, !Catch::Contains("未发现问题"));
  auto html = s.dir.path("r.html");
  run_cli("report --db " + db + " --html " + html, rc);
  CHECK(rc == 3);
  std::ifstream in(html);
  std::string page((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(page, Catch::Contains("未能判断的事项") && Catch::Contains("L1"));
  // Put right, the next audit judges everything and every command is quiet again.
  s.db().exec("UPDATE events SET ref = 'hx1' WHERE id = 'L1'");
  s.full = true;
  s.audit("2026-11-22");
  run_cli("status --db " + db, rc);
  CHECK(rc == 0);
  run_cli("check --rules " + rules + " --db " + db + " --as-of 2026-11-22", rc);
  CHECK(rc == 0);
}

TEST_CASE("unjudged: a date beyond every calendar stops the command with exit 2, naming the rule and record", "[calendar]") {
  December s;
  s.events(test::event("I2", "2035-12-28T10:00", "instruction.received", "o1.pg", "", "zs-2036"));
  int rc = 0;
  // As of a day the calendars cover, whose duty runs into a year they do not: the rule and record.
  auto out = run_cli("check --rules " + s.rules_dir() + " --db " + s.path() + " --as-of 2035-12-31", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("rule t.study, record I2") && Catch::Contains("no working-day calendar for 2036"));
  CHECK_THAT(out, !Catch::Contains("no findings"));
  // As of a day past every calendar: refused at once, naming the day.
  out = run_cli("check --rules " + s.rules_dir() + " --db " + s.path() + " --as-of 2036-01-31", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("judging as of 2036-01-31: no working-day calendar for 2036"));
  CHECK_THAT(out, !Catch::Contains("no findings"));
  auto audit = run_cli("audit --rules " + s.rules_dir() + " --db " + s.path() + " --as-of 2036-01-31", rc);
  CHECK(rc == 2);
  CHECK(s.count("runs") == 0);  // nothing written
}
