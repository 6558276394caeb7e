// Differential: for several rules, the findings the engine reports over the example city
// equal those of a plain SQL query over the same store (with the working-day calendar and
// the periods handed to SQLite as tables).
#include <set>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "compile/plan.h"
#include "eval/operator.h"
#include "eval/period.h"
#include "org/org_graph.h"
#include "support/city.h"

using namespace jiandu;

namespace {

using Row = std::tuple<std::string, std::string, std::string>;  // subject, period or key, outcome

std::set<Row> engine(test::City& city, const std::string& rule, Date as_of) {
  Diagnostics d;
  auto plan = compile::compile(*city.rules, city.store->catalog(), d, {rule});
  auto orgs = org::OrgGraph::load(*city.store);
  auto r = eval::run(*city.store, plan, orgs, city.calendar, {as_of, std::nullopt});
  std::set<Row> out;
  for (auto& f : r.findings)
    if (f.rule->id == rule) out.insert({f.subject_id, f.period.empty() ? f.key : f.period, check::name(f.outcome)});
  return out;
}

std::set<Row> sql(test::City& city, const std::string& query) {
  SQLite::Statement q(city.store->db(), query);
  std::set<Row> out;
  while (q.executeStep()) out.insert({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
  return out;
}

// The working days of the calendar's years, as a table SQL can count in.
void workdays_table(test::City& city) {
  auto& db = city.store->db();
  db.exec("CREATE TEMP TABLE IF NOT EXISTS workdays(day TEXT PRIMARY KEY)");
  SQLite::Statement ins(db, "INSERT OR IGNORE INTO workdays VALUES(?)");
  for (int y : city.calendar.years())
    for (Date d = Date::from_ymd(y, 1, 1); d.year() == y; d = d.add_days(1))
      if (city.calendar.is_workday(d)) {
        ins.reset();
        ins.bind(1, d.str());
        ins.exec();
      }
}

const char* kLocalDate = "date(e.ts + e.utc_offset, 'unixepoch')";

}  // namespace

TEST_CASE("differential: match rules against SQL", "[eval][differential]") {
  test::City city;
  Date as_of = *Date::parse("2026-11-20");
  auto car = sql(city, std::string("SELECT e.org, e.id, 'violation' FROM events e WHERE e.type = 'car.use' "
                                   "AND json_extract(e.attrs, '$.purpose') = 'private' AND ") +
                           kLocalDate + " >= '2025-01-01'");
  CHECK(engine(city, "conduct.private_car_use", as_of) == car);
  CHECK_FALSE(car.empty());
  auto reception =
      sql(city, std::string("SELECT e.org, e.id, 'violation' FROM events e WHERE e.type = 'reception.official' AND ") + kLocalDate +
                    " >= '2025-01-01' AND ((json_extract(e.attrs,'$.guests') <= 10 AND "
                    "json_extract(e.attrs,'$.companions') > 3) OR (json_extract(e.attrs,'$.guests') > 10 AND "
                    "json_extract(e.attrs,'$.companions') * 3 > json_extract(e.attrs,'$.guests')))");
  CHECK(engine(city, "conduct.reception_companions", as_of) == reception);
  CHECK_FALSE(reception.empty());
}

TEST_CASE("differential: the 15-workday inquiry deadline against SQL", "[eval][differential]") {
  test::City city;
  workdays_table(city);
  Date as_of = *Date::parse("2026-11-20");
  // Due: the 15th working day after the letter's day. Answer: the first reply with the same
  // ref and person dated on or after the letter's day.
  auto expected = sql(city, std::string(R"(
    WITH letters AS (
      SELECT e.id, e.ref, e.person, )") +
                                kLocalDate + R"( AS day FROM events e
      WHERE e.type = 'inquiry.letter' AND )" +
                                kLocalDate + R"( >= '2025-01-01'),
    dues AS (
      SELECT l.*, (SELECT w.day FROM workdays w WHERE w.day > l.day ORDER BY w.day LIMIT 1 OFFSET 14) AS due,
             (SELECT min()" + kLocalDate +
                                R"() FROM events e WHERE e.type = 'inquiry.reply' AND e.ref = l.ref
                AND e.person = l.person AND )" +
                                kLocalDate + R"( >= l.day) AS answered
      FROM letters l)
    SELECT person, ref || '|' || person,
           CASE WHEN answered IS NULL THEN 'missing' ELSE 'late' END
    FROM dues
    WHERE (answered IS NULL AND due < '2026-11-20') OR answered > due)");
  CHECK(engine(city, "discipline.inquiry_reply_15wd", as_of) == expected);
  CHECK(expected.size() == 2);
}

TEST_CASE("differential: the monthly branch committee meeting against SQL", "[eval][differential]") {
  test::City city;
  // Months judged as of the date: whole months since the rule took effect whose due date
  // (5 working days after the month) has passed. The example holds no meeting in a grace
  // window, so counting each month's own meetings is the same reading. A meeting counts only
  // with half of the committee or more (半数以上 includes half), or without both head counts.
  Date as_of = *Date::parse("2026-11-20");
  auto& db = city.store->db();
  db.exec("CREATE TEMP TABLE months(label TEXT, start TEXT, end TEXT)");
  SQLite::Statement ins(db, "INSERT INTO months VALUES(?,?,?)");
  for (int64_t i = eval::period_index(check::PeriodUnit::month, *Date::parse("2025-01-01"));; ++i) {
    auto p = eval::period_at(check::PeriodUnit::month, i);
    if (city.calendar.add_workdays(p.end, 5) >= as_of) break;
    ins.reset();
    ins.bind(1, p.label);
    ins.bind(2, p.start.str());
    ins.bind(3, p.end.str());
    ins.exec();
  }
  auto expected =
      sql(city, std::string("SELECT o.id, m.label, 'missing' FROM orgs o, months m WHERE o.kind = 'party_branch' "
                            "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.org = o.id AND e.type = 'meeting.branch_committee' "
                            "AND (json_extract(e.attrs, '$.attendees') IS NULL OR json_extract(e.attrs, '$.members_total') IS NULL "
                            "OR json_extract(e.attrs, '$.attendees') * 2 >= json_extract(e.attrs, '$.members_total')) AND ") +
                    kLocalDate + " BETWEEN m.start AND m.end)");
  CHECK(engine(city, "meetings.branch_committee_monthly", as_of) == expected);
  CHECK(expected.size() == 2);
}
