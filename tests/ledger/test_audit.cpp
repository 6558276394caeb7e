// The nightly audit over a small store: stable keys and idempotence, escalation up the chain
// with the four forms ladder, owners at the lapse and now, closure by the records,
// rectification events, reopening.
#include <catch2/catch.hpp>

#include "ledger_fixture.h"

using namespace jiandu;
using ledger::Act;

namespace {

std::string letter_to(const std::string& id, const std::string& date, const std::string& person, const std::string& ref,
                      const std::string& org = "o1.b1") {
  return test::event(id, date + "T10:00", "inquiry.letter", org, person, ref);
}
std::string reply(const std::string& id, const std::string& date, const std::string& person, const std::string& ref,
                  const std::string& org = "o1.b1") {
  return test::event(id, date + "T15:00", "inquiry.reply", org, person, ref);
}

}  // namespace

TEST_CASE("audit: the same date twice changes no alert and no trail entry; each run is logged", "[ledger]") {
  test::LedgerStore s(std::string(test::kReplyRule) + std::string(test::kMonthlyRule).substr(7));                   // both rules
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1") +                                                             // never answered
           letter_to("L2", "2026-11-02", "p7", "hx2", "o1.b2") + reply("R2", "2026-11-12", "p7", "hx2", "o1.b2") +  // late
           test::meetings("o1.b1", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 10}) +                                            // b1 misses September
           test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  s.audit("2026-11-10");
  REQUIRE(s.count("alerts") == 3);
  for (auto day : {"2026-11-10", "2026-11-12", "2026-11-18"}) {
    INFO("as of " << day);
    if (std::string(day) != "2026-11-10") s.audit(day);
    auto alerts = s.dump("alerts"), keys = s.dump("alert_keys"), trail = s.dump("trail");
    auto runs = s.count("runs");
    auto again = s.audit(day);
    CHECK(again.opened == 0);
    CHECK(again.entries == 0);
    CHECK(s.dump("alerts") == alerts);
    CHECK(s.dump("alert_keys") == keys);
    CHECK(s.dump("trail") == trail);
    CHECK(s.count("runs") == runs + 1);
    CHECK(s.db()
              .execAndGet("SELECT as_of || ' ' || findings || ' ' || opened || ' ' || changed || ' ' || (finished IS NOT NULL) "
                          "FROM runs ORDER BY id DESC LIMIT 1")
              .getString() == std::string(day) + " 3 0 0 1");
  }
  // What those dates did: opened three, closed the late answer, escalated the rest.
  CHECK(s.status(s.letter("hx2|", "p7")) == "closed");
  CHECK(s.status(s.letter("hx1|", "p4")) == "escalated");
  CHECK(s.status(s.alert("t.monthly", "o1.b1", "2026-09")) == "assigned");  // medium: 10 workdays, due 11-24
}

TEST_CASE("audit: an audit as of an earlier date than the last is refused", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));
  s.audit("2026-11-10");
  s.audit("2026-11-12");
  auto before = s.dump("runs") + s.dump("alerts") + s.dump("trail");
  CHECK_THROWS_WITH(s.audit("2026-11-11"),
                    Catch::Contains("the last audit was as of 2026-11-12") && Catch::Contains("would go back in time"));
  CHECK(s.dump("runs") + s.dump("alerts") + s.dump("trail") == before);
  CHECK_NOTHROW(s.audit("2026-11-12"));  // the same date again is allowed
}

TEST_CASE("audit: an overdue alert climbs the chain one link per overdue stretch and stops at the top", "[ledger]") {
  // chain: [branch_secretary, organ_committee_secretary, party_group_secretary]; high: 5 workdays.
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));  // due 11-09, overdue from 11-10
  s.audit_days("2026-11-03", "2026-11-09");
  CHECK(s.count("alerts") == 0);  // not overdue before its due date has passed
  s.audit("2026-11-10");
  auto a = s.letter("hx1|", "p4");
  CHECK(s.col(a, "rectify_due") == "2026-11-17");
  s.audit_days("2026-11-11", "2026-11-17");
  CHECK(s.steps(a) == "(new)>assigned");  // the due day itself is not overdue

  s.audit("2026-11-18");  // first stretch passed: to the 机关党委 secretary, form 1
  CHECK(s.steps(a) == "(new)>assigned assigned>escalated");
  CHECK(s.col(a, "level") == "1");
  CHECK(s.col(a, "escalated_to") == "p2");
  CHECK(s.col(a, "form") == "1");
  CHECK(s.col(a, "rectify_due") == "2026-11-25");
  CHECK_THAT(s.entry(a, -1, "reason"),
             Catch::Contains("整改期限 2026-11-17") && Catch::Contains("问责升级至机关党委书记 王二") && Catch::Contains("第一种形态"));
  s.audit_days("2026-11-19", "2026-11-25");
  CHECK(s.count("trail", "alert = '" + a + "'") == 2);

  s.audit("2026-11-26");  // second stretch: to the 党组 secretary
  CHECK(s.col(a, "level") == "2");
  CHECK(s.col(a, "escalated_to") == "p3");
  CHECK(s.col(a, "form") == "1");
  CHECK(s.col(a, "rectify_due") == "2026-12-03");
  CHECK_THAT(s.entry(a, -1, "reason"), Catch::Contains("问责升级至党组书记 李三"));

  s.audit_days("2026-11-27", "2026-12-31");  // the top of the chain: no higher
  CHECK(s.steps(a) == "(new)>assigned assigned>escalated escalated>escalated");
  CHECK(s.col(a, "level") == "2");
  CHECK(s.col(a, "owner_then") == "p1");  // the owner stays the owner
  CHECK(s.status(a) == "escalated");
}

TEST_CASE("audit: an owner at the top of the chain is held to account once", "[ledger]") {
  std::string rule = test::kReplyRule;
  rule.replace(rule.find("owner: branch_secretary"), 23, "owner: party_group_secretary");
  test::LedgerStore s(rule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));
  s.audit_days("2026-11-10", "2026-12-31");
  auto a = s.letter("hx1|", "p4");
  CHECK(s.steps(a) == "(new)>assigned assigned>escalated");
  CHECK(s.col(a, "level") == "1");
  CHECK(s.col(a, "escalated_to") == "p3");
  CHECK(s.col(a, "form") == "1");
}

TEST_CASE("audit: the form follows the owner's ladder: a repeat within the look-back is one form up, capped", "[ledger]") {
  // four_forms.yaml: first 1, step 1, max 2, look-back 1 year.
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-10-12", "p4", "hx1") +           // due 10-19: 张一's first lapse
           letter_to("L2", "2026-10-19", "p4", "hx2") +           // due 10-26: his second
           letter_to("L3", "2026-10-26", "p4", "hx3") +           // due 11-02: his third (form 3 capped to 2)
           letter_to("L4", "2025-06-03", "p7", "hx4", "o1.b2") +  // 周六's lapse of 2025-06-10
           letter_to("L5", "2026-10-26", "p7", "hx5", "o1.b2"));  // and one more than a year later
  s.audit("2026-11-03");
  REQUIRE(s.count("alerts") == 5);
  s.audit("2026-11-11");  // all five past their due date 11-10
  auto form = [&](const char* ref, const char* person) { return s.col(s.letter(ref, person), "form"); };
  CHECK(form("hx1|", "p4") == "1");
  CHECK(form("hx2|", "p4") == "2");
  CHECK(form("hx3|", "p4") == "2");
  CHECK(form("hx4|", "p7") == "1");
  CHECK(form("hx5|", "p7") == "1");  // the 2025 lapse is out of the look-back; 张一's are another owner's
  CHECK_THAT(s.entry(s.letter("hx3|", "p4"), -1, "reason"), Catch::Contains("第二种形态") && Catch::Contains("第 3 次"));
  // The form does not change as the alert climbs.
  s.audit("2026-11-19");
  CHECK(form("hx1|", "p4") == "1");
  CHECK(s.col(s.letter("hx1|", "p4"), "level") == "2");
}

TEST_CASE("audit: the escalation reason is plain Chinese", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-10-12", "p4", "hx1") + letter_to("L2", "2026-10-19", "p4", "hx2"));
  s.audit("2026-11-03");
  s.audit("2026-11-11");
  auto reason = s.entry(s.letter("hx2|", "p4"), -1, "reason");
  CHECK_THAT(reason, Catch::Contains("第 2 次"));
  CHECK_THAT(reason, !Catch::Contains("year"));  // "1 year内第 2 次" mixes English into the sentence
}

TEST_CASE("audit: the owner is who held the role on the day of the lapse, beside who holds it now", "[ledger]") {
  test::LedgerOptions o;
  o.roles =
      "person,org,role,from,to\n"
      "p1,o1.b1,branch_secretary,2024-01-01,2026-11-12\n"
      "p5,o1.b1,branch_secretary,2026-11-13,\n"
      "p2,o1.opc,organ_committee_secretary,2024-01-01,\n"
      "p3,o1.pg,party_group_secretary,2024-01-01,\n"
      "p6,o1.b2,branch_secretary,2024-01-01,\n";
  test::LedgerStore s(test::kReplyRule, o);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));  // lapse 11-09, while 张一 held the post
  s.audit("2026-11-16");                                 // first audited after the handover
  auto a = s.letter("hx1|", "p4");
  CHECK(s.col(a, "owner_then") == "p1");
  CHECK(s.col(a, "owner_now") == "p5");
  CHECK_THAT(s.entry(a, 0, "reason"), Catch::Contains("责任人 张一"));
}

TEST_CASE("audit: a handover after the alert was opened updates who holds the owner role now", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));
  s.audit("2026-11-10");
  auto a = s.letter("hx1|", "p4");
  REQUIRE(s.col(a, "owner_now") == "p1");
  s.roles("person,org,role,from,to\np1,o1.b1,branch_secretary,2024-01-01,2026-11-12\np5,o1.b1,branch_secretary,2026-11-13,\n");
  s.audit("2026-11-16");
  CHECK(s.col(a, "owner_then") == "p1");
  CHECK(s.col(a, "owner_now") == "p5");  // owner_now: "who holds it now" (schemas/store.sql)
}

TEST_CASE("audit: an overdue deadline alert is closed when the late answer arrives", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1"));
  s.audit_days("2026-11-10", "2026-11-18");
  auto a = s.letter("hx1|", "p4");
  REQUIRE(s.status(a) == "escalated");
  s.events(reply("R1", "2026-11-19", "p4", "hx1"));
  auto sum = s.audit("2026-11-19");
  CHECK(sum.closed == 1);
  CHECK(sum.opened == 0);
  CHECK(s.count("alerts") == 1);  // the late finding has the same key: no second alert
  CHECK(s.status(a) == "closed");
  CHECK(s.col(a, "outcome") == "late");
  CHECK(s.col(a, "closed_on") == "2026-11-19");
  CHECK(s.steps(a) == "(new)>assigned assigned>escalated escalated>rectified rectified>verified verified>closed");
  CHECK(s.entry(a, 2, "evidence") == R"(["L1","R1"])");  // the answer is the evidence
  CHECK(s.entry(a, 2, "actor") == "system");
  CHECK_THAT(s.entry(a, 2, "reason"), Catch::Contains("已逾期完成"));
  s.audit_days("2026-11-20", "2026-11-30");
  CHECK(s.count("trail", "alert = '" + a + "'") == 5);

  SECTION("an answer already in before the first audit: opened and closed at once, on record") {
    test::LedgerStore t(test::kReplyRule);
    t.events(letter_to("L1", "2026-11-02", "p4", "hx1") + reply("R1", "2026-11-12", "p4", "hx1"));
    t.audit("2026-11-13");
    auto b = t.letter("hx1|", "p4");
    CHECK(t.steps(b) == "(new)>assigned assigned>rectified rectified>verified verified>closed");
    CHECK(t.col(b, "outcome") == "late");
  }
}

TEST_CASE("audit: a periodic alert is closed when the missing meeting is recorded late", "[ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {1, 2, 3, 4, 5, 6, 7, 8}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
  s.audit("2026-10-13");  // September's due date (5 workdays after, across National Day)
  CHECK(s.count("alerts") == 0);
  s.audit("2026-10-14");
  auto a = s.alert("t.monthly", "o1.b1", "2026-09");
  CHECK(s.status(a) == "assigned");
  CHECK(s.col(a, "lapse_date") == "2026-10-13");
  s.audit("2026-10-20");
  s.events(test::event("m-late", "2026-09-24T15:00", "meeting.branch_committee", "o1.b1"));  // the minutes, filed late
  s.audit("2026-10-21");
  // Dated before the alert was raised, imported after: a 补录 meets the obligation but does
  // not close the alert by itself; the discipline body verifies it, then it is closed out.
  CHECK(s.status(a) == "rectified");
  CHECK(s.steps(a) == "(new)>assigned assigned>rectified");
  CHECK_THAT(s.entry(a, 1, "reason"), Catch::Contains("不再成立") && Catch::Contains("记录于 2026-09-24") && Catch::Contains("补录"));
  s.act(a, Act::verify, "p8", "补录的会议记录属实");
  s.audit("2026-10-22");
  CHECK(s.status(a) == "closed");
  CHECK(s.steps(a) == "(new)>assigned assigned>rectified rectified>verified verified>closed");
  CHECK(s.col(a, "closed_on") == "2026-10-22");
}

TEST_CASE("audit: rectification events move an alert to in progress and rectified, once each", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1") + letter_to("L2", "2026-11-02", "p4", "hx2"));
  s.audit("2026-11-10");
  auto a = s.letter("hx1|", "p4"), b = s.letter("hx2|", "p4");
  s.events(test::event("r1", "2026-11-11T09:00", "alert.rectification", "o1.b1", "p1", a) +
           test::event("r2", "2026-11-12T09:00", "alert.rectification", "o1.b1", "p1", a) +  // more work, still in progress
           test::event("r3", "2026-11-13T09:00", "alert.rectified", "o1.b1", "p1", a) +
           test::event("r9", "2026-11-20T09:00", "alert.rectified", "o1.b1", "p1", b));  // dated after the audits below
  s.audit("2026-11-11");
  CHECK(s.steps(a) == "(new)>assigned assigned>in_progress");
  CHECK(s.entry(a, -1, "actor") == "p1");
  CHECK(s.entry(a, -1, "evidence") == R"(["r1"])");
  s.audit("2026-11-12");
  CHECK(s.steps(a) == "(new)>assigned assigned>in_progress");
  s.audit("2026-11-13");
  CHECK(s.steps(a) == "(new)>assigned assigned>in_progress in_progress>rectified");
  CHECK(s.entry(a, -1, "evidence") == R"(["r3"])");
  for (auto day : {"2026-11-13", "2026-11-14", "2026-11-16", "2026-11-19"}) {
    s.audit(day);
    INFO("as of " << day);
    CHECK(s.steps(a) == "(new)>assigned assigned>in_progress in_progress>rectified");
    CHECK(s.status(a) == "rectified");
  }
  CHECK(s.status(b) == "escalated");  // an event dated after the as-of date is not seen yet
  s.audit("2026-11-20");
  CHECK(s.status(b) == "rectified");
  // A rectified alert waits for a person's verification; then the audit closes it.
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-11-23");
  CHECK(s.status(a) == "closed");
}

TEST_CASE("audit: rectification events for a waived or closed alert, or for no alert, change nothing", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(letter_to("L1", "2026-11-02", "p4", "hx1") + letter_to("L2", "2026-11-02", "p4", "hx2"));
  s.audit("2026-11-10");
  auto a = s.letter("hx1|", "p4"), b = s.letter("hx2|", "p4");
  s.act(a, Act::waive, "p8", "函询撤回");
  s.act(b, Act::resolve, "p1", "已回复");
  s.act(b, Act::verify, "p2", "核实");
  s.audit("2026-11-11");
  REQUIRE(s.status(b) == "closed");
  auto trail = s.dump("trail");
  s.events(test::event("r1", "2026-11-12T09:00", "alert.rectified", "o1.b1", "p1", a) +
           test::event("r2", "2026-11-12T09:00", "alert.rectification", "o1.b1", "p1", b) +
           test::event("r3", "2026-11-12T09:00", "alert.rectified", "o1.b1", "p1", "A-0000000000"));
  auto sum = s.audit("2026-11-12");
  CHECK(sum.progressed == 0);
  CHECK(s.dump("trail") == trail);
  CHECK(s.status(a) == "waived");
  CHECK(s.status(b) == "closed");
}

TEST_CASE("audit: a lapse recurring within the reopen window reopens the closed alert; after it, a new one", "[ledger]") {
  // reopen_within: 6 months. b1 misses January, March and November 2026.
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 4, 5, 6, 7, 8, 9, 10, 12}) +
           test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  s.audit("2026-02-09");  // January was due 02-06
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  auto close = [&](const std::string& day) {
    s.act(a, Act::ack, "p1", "补开支委会");
    s.act(a, Act::resolve, "p1", "已补开");
    s.act(a, Act::verify, "p2", "核实");
    s.audit(day);
    REQUIRE(s.status(a) == "closed");
  };
  close("2026-02-10");
  CHECK(s.col(a, "closed_on") == "2026-02-10");

  auto sum = s.audit("2026-04-09");  // March was due 04-08: the same lapse again, two months on
  CHECK(sum.reopened == 1);
  CHECK(sum.opened == 0);
  CHECK(s.count("alerts") == 1);
  CHECK(s.status(a) == "reopened");
  CHECK(s.count("alert_keys", "alert = '" + a + "'") == 2);
  CHECK(s.col(a, "lapse_date") == "2026-04-08");
  CHECK(s.col(a, "closed_on") == "NULL");
  CHECK(s.col(a, "level") == "0");
  CHECK(s.col(a, "rectify_due") == "2026-04-23");  // medium: 10 workdays from the reopening
  CHECK_THAT(s.steps(a), Catch::EndsWith("verified>closed closed>reopened"));
  CHECK_THAT(s.entry(a, -1, "reason"), Catch::Contains("复发") && Catch::Contains("2026-03"));
  s.audit("2026-04-09");  // idempotent: the recurrence's key is the alert's now
  CHECK(s.count("trail", "to_state = 'reopened'") == 1);

  // A reopened alert runs the loop again.
  CHECK(s.act(a, Act::ack, "p1") == ledger::Status::in_progress);
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-04-10");
  REQUIRE(s.status(a) == "closed");

  s.audit("2026-12-08");  // November was due 12-07: eight months after the closure
  CHECK(s.count("alerts") == 2);
  CHECK(s.status(a) == "closed");
  auto b = s.alert("t.monthly", "o1.b1", "2026-11");
  CHECK(b != a);
  CHECK(s.steps(b) == "(new)>assigned");
}

TEST_CASE("audit: an open alert of another subject or rule is never reopened into", "[ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 3}) + test::meetings("o1.b2", 2026, {1, 3}));
  s.audit("2026-02-09");  // b1 missed January
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-02-10");
  REQUIRE(s.status(a) == "closed");
  s.audit("2026-03-09");  // b2 misses February: its own alert, not b1's reopened
  CHECK(s.status(a) == "closed");
  CHECK(s.count("alerts") == 2);
  CHECK(s.count("alert_keys", "alert = '" + a + "'") == 1);
  CHECK(s.steps(s.alert("t.monthly", "o1.b2", "2026-02")) == "(new)>assigned");
}

TEST_CASE("audit: a reopened alert is owned by who held the role at the new lapse", "[ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 4}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4}));
  s.audit("2026-02-09");  // January missing: 张一's
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-02-10");
  s.roles("person,org,role,from,to\np1,o1.b1,branch_secretary,2024-01-01,2026-02-28\np5,o1.b1,branch_secretary,2026-03-01,\n");
  s.audit("2026-04-09");  // March missing, under 孙五: the alert reopens
  REQUIRE(s.status(a) == "reopened");
  CHECK(s.col(a, "lapse_date") == "2026-04-08");
  CHECK(s.col(a, "owner_then") == "p5");
  CHECK(s.col(a, "owner_now") == "p5");
}

TEST_CASE("audit: a reopened alert shows the recurrence's period and message", "[ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 4}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4}));
  s.audit("2026-02-09");
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-02-10");
  s.audit("2026-04-09");  // March missing: reopened
  REQUIRE(s.status(a) == "reopened");
  // The list of alerts (jiandu alerts, the report) shows the problem as it stands now.
  CHECK(s.col(a, "period") == "2026-03");
  CHECK_THAT(s.col(a, "message"), Catch::Contains("2026-03"));
}

TEST_CASE("audit: a recurrence that reopens an alert counts as a repeat on the owner's ladder", "[ledger]") {
  // January's lapse and March's are two lapses of 张一 within a year: when March's, reopened
  // into January's alert, is escalated, the ladder recommends the next form, as it would had
  // March opened an alert of its own.
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 4, 5}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5}));
  s.audit("2026-02-09");
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-02-10");
  s.audit("2026-04-09");  // March missing: reopened, rectify by 04-23
  REQUIRE(s.status(a) == "reopened");
  s.audit("2026-04-24");
  REQUIRE(s.status(a) == "escalated");
  CHECK(s.col(a, "form") == "2");
  CHECK_THAT(s.entry(a, -1, "reason"), Catch::Contains("第二种形态"));
}

TEST_CASE("audit: a reopened alert is closed by the records when the recurrence is put right", "[ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  s.events(test::meetings("o1.b1", 2026, {2, 4}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4}));
  s.audit("2026-02-09");
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  s.act(a, Act::resolve, "p1", "已补开");
  s.act(a, Act::verify, "p2", "核实");
  s.audit("2026-02-10");
  s.audit("2026-04-09");  // March missing: reopened
  REQUIRE(s.status(a) == "reopened");
  s.events(test::event("m-late", "2026-03-26T15:00", "meeting.branch_committee", "o1.b1"));  // March's minutes, filed late
  s.audit("2026-04-10");
  // January's lapse still stands in the records, but it was dealt with and closed; what the
  // reopened alert stands for now is March's, and March's no longer holds — but by a record
  // dated before the alert was reopened and imported after (补录): it awaits verification.
  CHECK(s.status(a) == "rectified");
  CHECK_THAT(s.steps(a), Catch::EndsWith("closed>reopened reopened>rectified"));
  CHECK_THAT(s.entry(a, -1, "reason"),
             Catch::Contains("记录于 2026-03-26 的事件 m-late") && Catch::Contains("补录") && Catch::Contains("待验收"));
  CHECK(s.entry(a, -1, "evidence") == R"(["m-late"])");
  s.audit("2026-04-11");  // nothing more until someone verifies it
  CHECK(s.status(a) == "rectified");
  s.act(a, Act::verify, "p8", "核实补录的会议记录");
  s.audit("2026-04-12");
  CHECK(s.status(a) == "closed");
  CHECK_THAT(s.steps(a), Catch::EndsWith("closed>reopened reopened>rectified rectified>verified verified>closed"));
}

TEST_CASE("audit: a record that arrives in time closes the alert and is named on the trail", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(test::event("L1", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx1"));
  s.audit("2026-11-10");  // due 2026-11-09: overdue
  auto a = s.letter("hx1|", "p4");
  s.events(test::event("R1", "2026-11-11T10:00", "inquiry.reply", "o1.b1", "p4", "hx1"));
  s.audit("2026-11-11");  // answered late: on record, closed, the answer named
  CHECK(s.status(a) == "closed");
  CHECK_THAT(s.dump("trail"), Catch::Contains("R1"));
  // A reply dated before the alert was raised, but imported after: a 补录, not closed by itself.
  // (Another person's letter: p4's would reopen the alert just closed, as a recurrence.)
  s.events(test::event("L2", "2026-11-02T10:00", "inquiry.letter", "o1.b2", "p7", "hx2"));
  s.audit("2026-11-12");
  auto b = s.letter("hx2|", "p7");
  CHECK(s.status(b) == "assigned");
  s.events(test::event("R2", "2026-11-12T09:00", "inquiry.reply", "o1.b2", "p7", "hx2"));
  s.audit("2026-11-13");
  CHECK(s.status(b) == "rectified");
  CHECK_THAT(s.entry(b, -1, "reason"), Catch::Contains("补录") && Catch::Contains("R2"));
}

TEST_CASE("audit: a waived alert is not a lapse on the owner's ladder", "[ledger]") {
  test::LedgerStore s(test::kReplyRule);
  s.events(test::event("L1", "2026-10-12T10:00", "inquiry.letter", "o1.b1", "p4", "hx1") +  // lapse 10-19
           test::event("L2", "2026-10-19T10:00", "inquiry.letter", "o1.b1", "p4", "hx2"));  // lapse 10-26
  s.audit("2026-10-27");
  s.act(s.letter("hx1|", "p4"), Act::waive, "p8", "函件送达错误，不属实");
  s.audit("2026-11-04");  // hx2 past its rectification due date 11-03
  auto b = s.letter("hx2|", "p4");
  REQUIRE(s.status(b) == "escalated");
  CHECK(s.col(b, "form") == "1");  // the waived alert was opened in error: no earlier lapse
}
