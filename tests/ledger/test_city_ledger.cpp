// End to end: the example city's last month audited night by night (what scripts/demo does),
// with the rule library and its policy.
#include <set>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "check/checker.h"
#include "compile/plan.h"
#include "eval/run.h"
#include "ledger/audit.h"
#include "ledger/trail.h"
#include "org/org_graph.h"
#include "support/city.h"
#include "support/dump.h"

using namespace jiandu;
using test::dump;

namespace {

std::string one(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  REQUIRE(q.executeStep());
  return q.getColumn(0).isNull() ? "NULL" : q.getColumn(0).getString();
}

}  // namespace

TEST_CASE("audit: the example city's month, night by night", "[ledger][city]") {
  test::City city;
  auto& db = city.store->db();
  Diagnostics diags;
  auto plan = compile::compile(*city.rules, city.store->catalog(), diags);
  REQUIRE_FALSE(diags.has_errors());
  auto orgs = org::OrgGraph::load(*city.store);
  auto policy = ledger::load_policy(check::discover({test::source_path("rules")}).policies);

  std::set<std::string> keys;
  for (Date d = *Date::parse("2026-10-20"); d <= *Date::parse("2026-11-20"); d = d.add_days(1)) {
    auto r = eval::run(*city.store, plan, orgs, city.calendar, {d, std::nullopt});
    for (auto& f : r.findings)
      if (f.outcome != check::Outcome::due_soon) keys.insert(f.stable_key());
    auto sum = ledger::audit(*city.store, *city.rules, plan, orgs, city.calendar, policy, d);
    INFO("as of " << d.str());
    CHECK(sum.faults == 0);
    CHECK(sum.reopened == 0);
  }
  REQUIRE(keys.size() >= 21);

  SECTION("each lapse is one alert, opened once") {
    CHECK(one(db, "SELECT count(*) FROM alerts") == std::to_string(keys.size()));
    CHECK(one(db, "SELECT count(*) FROM alert_keys") == std::to_string(keys.size()));
    for (auto& k : keys) {
      INFO(k);
      CHECK(one(db, "SELECT count(*) FROM alert_keys WHERE key = '" + k + "'") == "1");
    }
    CHECK(one(db, "SELECT count(*) FROM trail WHERE from_state IS NULL") == std::to_string(keys.size()));
    CHECK(one(db, "SELECT count(*) FROM runs") == "32");
  }

  SECTION("the unanswered letter to p010 climbs the chain with a form") {
    std::string a = one(db, "SELECT id FROM alerts WHERE rule = 'discipline.inquiry_reply_15wd' AND subject_id = 'p010'");
    CHECK(one(db, "SELECT status FROM alerts WHERE id = '" + a + "'") == "escalated");
    CHECK(one(db, "SELECT owner_role FROM alerts WHERE id = '" + a + "'") == "discipline_secretary");
    // The first overdue stretch: one link up (a discipline secretary stands at the chain's
    // first link), to the 机关党委 secretary.
    SQLite::Statement q(db, "SELECT at, reason FROM trail WHERE alert = ? AND to_state = 'escalated' ORDER BY id");
    q.bind(1, a);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "2026-10-28");
    std::string holder = one(db,
                             "SELECT p.name FROM roles r JOIN people p ON p.id = r.person WHERE r.org = 'fgw.opc' "
                             "AND r.role = 'organ_committee_secretary' AND r.valid_to IS NULL");
    CHECK_THAT(q.getColumn(1).getString(), Catch::Contains("问责升级至机关党委书记 " + holder) && Catch::Contains("第一种形态"));
    CHECK(one(db, "SELECT form IS NOT NULL AND level >= 1 AND escalated_to IS NOT NULL FROM alerts WHERE id = '" + a + "'") == "1");
    // The form is for the person to be dealt with (处理对象): 马骏 himself, whose own first
    // lapse this is — not the discipline secretary who answers for the letter.
    CHECK(one(db, "SELECT target FROM alerts WHERE id = '" + a + "'") == "p010");
    CHECK_THAT(q.getColumn(1).getString(), Catch::Contains("建议对马骏（处理对象）第一种形态"));
    CHECK(one(db, "SELECT form FROM alerts WHERE id = '" + a + "'") == "1");
    CHECK(one(db, "SELECT level FROM alerts WHERE id = '" + a + "'") == "2");
    CHECK(one(db, "SELECT escalated_to FROM alerts WHERE id = '" + a + "'") ==
          one(db, "SELECT person FROM roles WHERE org = 'fgw.pg' AND role = 'party_group_secretary' AND valid_to IS NULL"));
  }

  SECTION("the letter to p060 is closed by its late reply of 2026-11-05") {
    std::string a = one(db, "SELECT id FROM alerts WHERE rule = 'discipline.inquiry_reply_15wd' AND subject_id = 'p060'");
    std::string answer = one(db, "SELECT id FROM events WHERE type = 'inquiry.reply' AND ref = 'hx2026-03'");
    CHECK(one(db, "SELECT status || ' ' || outcome || ' ' || closed_on FROM alerts WHERE id = '" + a + "'") == "closed late 2026-11-05");
    SQLite::Statement q(db, "SELECT at, coalesce(from_state, '(new)') || '>' || to_state, evidence FROM trail WHERE alert = ? ORDER BY id");
    q.bind(1, a);
    std::vector<std::string> steps;
    std::string evidence;
    while (q.executeStep()) {
      steps.push_back(q.getColumn(1).getString());
      if (q.getColumn(1).getString().ends_with(">rectified")) {
        evidence = q.getColumn(2).getString();
        CHECK(q.getColumn(0).getString() == "2026-11-05");
      }
    }
    REQUIRE(steps.size() >= 4);
    CHECK(steps.front() == "(new)>assigned");
    CHECK(steps[steps.size() - 2] == "rectified>verified");
    CHECK(steps.back() == "verified>closed");
    CHECK_THAT(evidence, Catch::Contains("\"" + answer + "\""));
  }

  SECTION("owners at the lapse and now") {
    // 林淑芬 p032 held czj.b1 when February's meeting was due; 潘伟 p033 holds it now.
    CHECK(one(db,
              "SELECT owner_then || ' ' || owner_now FROM alerts WHERE rule = 'meetings.branch_committee_monthly' "
              "AND subject_id = 'czj.b1'") == "p032 p033");
    // 沈国华 p050 was the 教育局 党组 secretary when the 2025 report was due; 贺永强 p065 now.
    CHECK(one(db,
              "SELECT owner_then || ' ' || owner_now FROM alerts WHERE rule = 'reporting.annual_report_to_city' "
              "AND subject_id = 'jyj'") == "p050 p065");
  }

  SECTION("a second audit of the last night changes nothing") {
    auto before = dump(db, "alerts") + dump(db, "alert_keys") + dump(db, "trail");
    auto sum = ledger::audit(*city.store, *city.rules, plan, orgs, city.calendar, policy, *Date::parse("2026-11-20"));
    CHECK(sum.entries == 0);
    CHECK(dump(db, "alerts") + dump(db, "alert_keys") + dump(db, "trail") == before);
    CHECK(one(db, "SELECT count(*) FROM runs") == "33");
  }

  SECTION("verify passes; an entry edited by hand is named") {
    auto ok = ledger::verify_chain(db);
    CHECK_FALSE(ok.first_bad);
    CHECK(ok.entries == std::stoll(one(db, "SELECT count(*) FROM trail")));
    std::string alert = one(db, "SELECT alert FROM trail WHERE id = 12");
    db.exec("UPDATE trail SET reason = '已按期整改' WHERE id = 12");
    auto bad = ledger::verify_chain(db);
    REQUIRE(bad.first_bad);
    CHECK(*bad.first_bad == 12);
    CHECK(bad.alert == alert);
  }
}
