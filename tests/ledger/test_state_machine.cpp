// The trail's state machine (engine/ledger/trail.h, docs/accountability.md): every transition
// a person's command makes, every one it refuses, and the ones only the audit makes.
#include <catch2/catch.hpp>

#include "ledger/trail.h"
#include "ledger_fixture.h"

using namespace jiandu;
using ledger::Act;
using ledger::Status;

namespace {

// Six letters of inquiry to 赵四 on Monday 2026-11-02, none answered: due 2026-11-09, so six
// overdue alerts when audited on 2026-11-10 (owner 张一, the b1 secretary; rectify by 11-17).
struct SixLetters : test::LedgerStore {
  SixLetters() : LedgerStore(test::kReplyRule) {
    std::string lines;
    for (int i = 1; i <= 6; ++i)
      lines += test::event("L" + std::to_string(i), "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx" + std::to_string(i));
    events(lines);
    audit("2026-11-10");
    REQUIRE(count("alerts") == 6);
    for (int i = 1; i <= 6; ++i) id[i] = letter("hx" + std::to_string(i) + "|", "p4");
  }
  std::string id[7];
};

}  // namespace

TEST_CASE("ledger: a new alert is assigned (明责) with its owner and rectification due date", "[ledger]") {
  SixLetters s;
  auto a = s.id[1];
  CHECK(s.status(a) == "assigned");
  CHECK(s.steps(a) == "(new)>assigned");
  CHECK(s.col(a, "owner_role") == "branch_secretary");
  CHECK(s.col(a, "owner_then") == "p1");
  CHECK(s.col(a, "owner_now") == "p1");
  CHECK(s.col(a, "lapse_date") == "2026-11-09");
  CHECK(s.col(a, "rectify_due") == "2026-11-17");  // high: 5 workdays after the audit's day
  CHECK(s.col(a, "level") == "0");
  CHECK(s.col(a, "form") == "NULL");
  CHECK(s.entry(a, 0, "actor") == "system");
  CHECK_THAT(s.entry(a, 0, "reason"), Catch::Contains("责任人 张一（党支部书记）") && Catch::Contains("整改期限 2026-11-17"));
  CHECK(s.entry(a, 0, "evidence") == R"(["L1"])");
}

TEST_CASE("ledger: ack, resolve, a failed and a passed verification, closure by the audit", "[ledger]") {
  SixLetters s;
  auto a = s.id[1];
  CHECK(s.act(a, Act::ack, "p1", "正在整改") == Status::in_progress);
  CHECK_THROWS_WITH(s.act(a, Act::ack, "p1"), Catch::Contains("is in_progress") && Catch::Contains("cannot be acknowledged"));
  CHECK(s.act(a, Act::resolve, "p1", "已书面回复") == Status::rectified);
  CHECK_THROWS_WITH(s.act(a, Act::resolve, "p1"), Catch::Contains("is rectified") && Catch::Contains("cannot be reported rectified"));
  CHECK_THROWS_WITH(s.act(a, Act::fail, "p2", ""), Catch::Contains("needs a note"));
  CHECK(s.act(a, Act::fail, "p2", "回复未附材料") == Status::in_progress);
  CHECK(s.act(a, Act::resolve, "p1", "补充材料") == Status::rectified);
  CHECK(s.act(a, Act::verify, "p2", "核实无误") == Status::verified);
  for (auto x : {Act::ack, Act::resolve, Act::verify, Act::fail})
    CHECK_THROWS_WITH(s.act(a, x, "p2", "note"), Catch::Contains("is verified"));
  CHECK_THROWS_WITH(s.act(a, Act::waive, "p8", "理由"), Catch::Contains("is verified") && Catch::Contains("cannot be waived"));
  s.audit("2026-11-11");  // the audit closes a verified alert out (对账销号)
  CHECK(s.status(a) == "closed");
  CHECK(s.col(a, "closed_on") == "2026-11-11");
  CHECK(s.steps(a) ==
        "(new)>assigned assigned>in_progress in_progress>rectified rectified>in_progress in_progress>rectified "
        "rectified>verified verified>closed");
  // Who did what, and why, is on the trail.
  CHECK(s.entry(a, 1, "actor") == "p1");
  CHECK(s.entry(a, 1, "reason") == "明责确认：正在整改");
  CHECK(s.entry(a, 3, "actor") == "p2");
  CHECK(s.entry(a, 3, "reason") == "验收未通过：回复未附材料");
  CHECK(s.entry(a, 3, "run") == "NULL");  // a person's action belongs to no audit run
  CHECK(s.entry(a, -1, "actor") == "system");
  CHECK(s.entry(a, -1, "at") == "2026-11-11");
  CHECK(s.entry(a, -1, "run") == "2");

  SECTION("a closed alert refuses every command") {
    CHECK_THROWS_WITH(s.act(a, Act::ack, "p1"), Catch::Contains("is closed") && Catch::Contains("cannot be acknowledged"));
    CHECK_THROWS_WITH(s.act(a, Act::resolve, "p1"), Catch::Contains("is closed"));
    CHECK_THROWS_WITH(s.act(a, Act::verify, "p2"), Catch::Contains("is closed"));
    CHECK_THROWS_WITH(s.act(a, Act::fail, "p2", "x"), Catch::Contains("is closed"));
    CHECK_THROWS_WITH(s.act(a, Act::waive, "p8", "理由"), Catch::Contains("is closed"));
    CHECK(s.status(a) == "closed");
    CHECK(s.count("trail", "alert = '" + a + "'") == 7);
  }
}

TEST_CASE("ledger: resolve straight from assigned; waive from rectified; a waived alert refuses everything", "[ledger]") {
  SixLetters s;
  auto a = s.id[2];
  CHECK(s.act(a, Act::resolve, "p1", "已回复", {"L2"}) == Status::rectified);
  CHECK(s.entry(a, -1, "evidence") == R"(["L2"])");
  CHECK(s.act(a, Act::waive, "p8", "函询已撤回") == Status::waived);
  CHECK(s.entry(a, -1, "reason") == "豁免：函询已撤回");
  CHECK(s.entry(a, -1, "actor") == "p8");
  CHECK_THROWS_WITH(s.act(a, Act::resolve, "p1"), Catch::Contains("is waived") && Catch::Contains("cannot be reported rectified"));
  for (auto [x, who] : {std::pair{Act::ack, "p1"}, {Act::verify, "p8"}, {Act::fail, "p8"}, {Act::waive, "p8"}})
    CHECK_THROWS_WITH(s.act(a, x, who, "note"), Catch::Contains("is waived"));
  CHECK(s.steps(a) == "(new)>assigned assigned>rectified rectified>waived");
  // The audit leaves a waived alert alone: no escalation, no closure.
  s.audit_days("2026-11-11", "2026-11-30");
  CHECK(s.status(a) == "waived");
  CHECK(s.count("trail", "alert = '" + a + "'") == 3);
}

TEST_CASE("ledger: verification and waivers refused where they make no sense", "[ledger]") {
  SixLetters s;
  auto a = s.id[3];
  CHECK_THROWS_WITH(s.act(a, Act::verify, "p2"), Catch::Contains("is assigned") && Catch::Contains("cannot be verified"));
  CHECK_THROWS_WITH(s.act(a, Act::fail, "p2", "未整改"), Catch::Contains("is assigned"));
  CHECK_THROWS_WITH(s.act(a, Act::waive, "p8", ""), Catch::Contains("a waiver needs its reason"));
  CHECK(s.act(a, Act::ack, "p1") == Status::in_progress);
  CHECK_THROWS_WITH(s.act(a, Act::verify, "p2"), Catch::Contains("is in_progress") && Catch::Contains("cannot be verified"));
  CHECK_THROWS_WITH(s.act(a, Act::fail, "p2", "未整改"), Catch::Contains("is in_progress"));
  CHECK(s.act(a, Act::waive, "p8", "已另案处理") == Status::waived);
  CHECK(s.steps(a) == "(new)>assigned assigned>in_progress in_progress>waived");
  CHECK(s.act(s.id[4], Act::waive, "p8", "重复交办") == Status::waived);  // straight from assigned
}

TEST_CASE("ledger: an unknown person, alert or evidence event is refused and writes nothing", "[ledger]") {
  SixLetters s;
  auto before = s.dump("trail") + s.dump("alerts");
  CHECK_THROWS_WITH(s.act(s.id[1], Act::ack, "p99"), Catch::Contains("--by p99: no such person"));
  CHECK_THROWS_WITH(s.act("A-0000000000", Act::ack, "p1"), Catch::Contains("no alert A-0000000000"));
  CHECK_THROWS_WITH(s.act(s.id[1], Act::resolve, "p1", "", {"L1", "nope"}), Catch::Contains("--evidence nope: no such event"));
  CHECK(s.dump("trail") + s.dump("alerts") == before);
}

TEST_CASE("ledger: an acknowledged alert reported rectified is not acknowledged again", "[ledger]") {
  // Only a failed verification (with its note) sends a rectified alert back: `ack` must not
  // be a way around it.
  SixLetters s;
  auto a = s.id[5];
  s.act(a, Act::ack, "p1");
  s.act(a, Act::resolve, "p1", "已整改");
  CHECK_THROWS_WITH(s.act(a, Act::ack, "p1"), Catch::Contains("is rectified"));
  CHECK(s.status(a) == "rectified");
}

TEST_CASE("ledger: escalated alerts can still be acknowledged, resolved or waived", "[ledger]") {
  SixLetters s;
  s.audit_days("2026-11-11", "2026-11-18");  // past the rectification due date 11-17
  for (int i = 4; i <= 6; ++i) REQUIRE(s.status(s.id[i]) == "escalated");
  CHECK(s.act(s.id[4], Act::ack, "p1") == Status::in_progress);
  CHECK(s.act(s.id[5], Act::resolve, "p1", "已回复") == Status::rectified);
  CHECK(s.act(s.id[6], Act::waive, "p8", "组织决定") == Status::waived);
  CHECK(s.steps(s.id[4]) == "(new)>assigned assigned>escalated escalated>in_progress");
  CHECK(s.steps(s.id[5]) == "(new)>assigned assigned>escalated escalated>rectified");
  CHECK(s.steps(s.id[6]) == "(new)>assigned assigned>escalated escalated>waived");
}

TEST_CASE("ledger: trail append refuses a transition the state machine lacks, or from a stale state", "[ledger]") {
  SixLetters s;
  auto a = s.id[1];
  auto entry = [&](std::optional<Status> from, Status to) {
    return ledger::Entry{a, "2026-11-10", from, to, "system", "test", nlohmann::json::array(), std::nullopt};
  };
  CHECK_THROWS_WITH(ledger::append(s.db(), entry(Status::assigned, Status::closed)), Catch::Contains("cannot move to closed"));
  CHECK_THROWS_WITH(ledger::append(s.db(), entry(Status::assigned, Status::verified)), Catch::Contains("cannot move to verified"));
  CHECK_THROWS_WITH(ledger::append(s.db(), entry(Status::assigned, Status::reopened)), Catch::Contains("cannot move to reopened"));
  CHECK_THROWS_WITH(ledger::append(s.db(), entry(Status::in_progress, Status::rectified)), Catch::Contains("is assigned"));
  CHECK_THROWS_WITH(ledger::append(s.db(), entry(std::nullopt, Status::assigned)), Catch::Contains("is assigned"));
  CHECK_THROWS_WITH(ledger::append(s.db(), ledger::Entry{"A-none", "2026-11-10", std::nullopt, Status::assigned}),
                    Catch::Contains("no alert A-none"));
  CHECK(s.count("trail") == 6);
}

TEST_CASE("ledger: the transition table", "[ledger]") {
  using ledger::allowed;
  const Status all[] = {Status::assigned, Status::in_progress, Status::rectified, Status::verified,
                        Status::closed,   Status::escalated,   Status::reopened,  Status::waived};
  std::string table;
  CHECK(allowed(std::nullopt, Status::assigned));
  for (auto to : all)
    if (to != Status::assigned) CHECK_FALSE(allowed(std::nullopt, to));
  for (auto from : all) {
    table += std::string(ledger::status_name(from)) + ":";
    for (auto to : all)
      if (allowed(from, to)) table += std::string(" ") + ledger::status_name(to);
    table += "\n";
  }
  CHECK(table ==
        "assigned: in_progress rectified escalated waived\n"
        "in_progress: in_progress rectified escalated waived\n"
        "rectified: in_progress verified waived\n"
        "verified: closed\n"
        "closed: reopened\n"
        "escalated: in_progress rectified escalated waived\n"
        "reopened: in_progress rectified escalated waived\n"
        "waived:\n");
  for (auto s : all) CHECK(ledger::status_from(ledger::status_name(s)) == s);
  CHECK_FALSE(ledger::status_from("open"));
  CHECK(ledger::is_open(Status::assigned));
  CHECK(ledger::is_open(Status::in_progress));
  CHECK(ledger::is_open(Status::escalated));
  CHECK(ledger::is_open(Status::reopened));
  for (auto s : {Status::rectified, Status::verified, Status::closed, Status::waived}) CHECK_FALSE(ledger::is_open(s));
}
