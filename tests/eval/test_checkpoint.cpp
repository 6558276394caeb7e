// A run resumed from a checkpoint finds exactly what a run over every event finds: the same
// findings, field by field and in the same order, and the same per-rule counts.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "base/error.h"
#include "compile/plan.h"
#include "eval/checkpoint.h"
#include "eval/run.h"
#include "gen/city_gen.h"
#include "org/org_graph.h"
#include "support/city.h"
#include "support/temp_dir.h"

using namespace jiandu;

namespace {

std::string describe(const eval::RunResult& r) {
  std::string s;
  for (auto& f : r.findings) {
    s += f.rule->id + " " + check::name(f.outcome) + " " + f.subject_type + ":" + f.subject_id + " " + f.subject_name +
         " org=" + std::to_string(f.org) + " person=" + std::to_string(f.person) + " period=" + f.period + " key=" + f.key +
         " due=" + (f.due ? f.due->str() : "-") + " date=" + f.date.str() + " evidence=";
    for (auto& e : f.evidence) s += e + ",";
    s += " " + f.message + " " + f.numbers.dump() + "\n";
  }
  for (auto& [id, st] : r.stats) s += id + " events=" + std::to_string(st.events) + " faults=" + std::to_string(st.faults) + "\n";
  s += "read " + std::to_string(r.events) + " watermark " + std::to_string(r.watermark) + "\n";
  return s;
}

struct Runner {
  Store& store;
  const compile::Plan& plan;
  const org::OrgGraph& orgs;
  const Calendar& cal;

  eval::RunResult full(const std::string& as_of) { return eval::run(store, plan, orgs, cal, {*Date::parse(as_of), std::nullopt}); }
  // Runs to each date in turn, each resuming from the checkpoint of the one before.
  eval::RunResult chained(const std::vector<std::string>& dates) {
    eval::RunResult last;
    std::vector<std::string> findings;  // as the store keeps them: appended night by night
    for (size_t i = 0; i < dates.size(); ++i) {
      eval::RunOptions o{*Date::parse(dates[i]), std::nullopt};
      o.save = true;
      if (i > 0) o.resume = eval::Resume{last.state, &findings, last.end_ts};
      auto r = eval::run(store, plan, orgs, cal, o);
      if (i > 0) CHECK(r.events == last.events + r.new_events);  // read only what came after
      findings.insert(findings.end(), r.new_findings.begin(), r.new_findings.end());
      last = std::move(r);
    }
    return last;
  }
};

compile::Plan plan_of(const check::RuleSet& rules, const Catalog& catalog) {
  Diagnostics d;
  auto plan = compile::compile(rules, catalog, d);
  REQUIRE_FALSE(d.has_errors());
  return plan;
}

}  // namespace

TEST_CASE("checkpoint: the example city resumed at any night finds what a full run finds", "[eval][checkpoint]") {
  test::City city;
  auto plan = plan_of(*city.rules, city.store->catalog());
  auto orgs = org::OrgGraph::load(*city.store);
  Runner run{*city.store, plan, orgs, city.calendar};
  auto expected = describe(run.full("2026-11-20"));
  REQUIRE(run.full("2026-11-20").findings.size() >= 21);

  // 2026-09-20: a new-appointment report (role.start on 09-14, answered 09-29) open across it.
  for (auto from : {"2025-01-01", "2025-06-30", "2025-12-31", "2026-03-09", "2026-09-20", "2026-10-15", "2026-11-19", "2026-11-20"}) {
    INFO("resumed from " << from);
    CHECK(describe(run.chained({from, "2026-11-20"})) == expected);
  }
  INFO("night by night over the last month");
  std::vector<std::string> nights;
  for (Date d = *Date::parse("2026-10-20"); d <= *Date::parse("2026-11-20"); d = d.add_days(1)) nights.push_back(d.str());
  CHECK(describe(run.chained(nights)) == expected);
}

TEST_CASE("checkpoint: a generated city, every kind, resumed across periods and deadlines", "[eval][checkpoint]") {
  test::TempDir dir;
  auto store = Store::create(dir.path("gen.db"));
  auto cal = test::library_calendar();
  gen::Params p;
  p.units = 60;
  p.people = 900;
  p.seed = 7;
  p.lapse_rate = 0.2;  // instructions are rare (a tenth of organ-months): enough late ones for the sequence rules
  p.activity = 60;     // enough meals for the 30-day thresholds to fire
  gen::generate(*store, cal, p);
  auto rules = test::library_rules(store->catalog());
  auto plan = plan_of(*rules, store->catalog());
  auto orgs = org::OrgGraph::load(*store);
  Runner run{*store, plan, orgs, cal};

  auto full = run.full("2026-11-20");
  // Every stateful kind has findings here, so each one's state crossed the checkpoint.
  std::set<check::Kind> kinds;
  for (auto& f : full.findings) kinds.insert(f.rule->kind);
  for (auto k : {check::Kind::match, check::Kind::deadline, check::Kind::periodic, check::Kind::threshold, check::Kind::sequence,
                 check::Kind::chain, check::Kind::escalation}) {
    INFO("kind " << int(k));
    CHECK(kinds.count(k) == 1);
  }
  // Triggers made from the role records (role.start) cross the checkpoints too.
  CHECK(std::count_if(full.findings.begin(), full.findings.end(),
                      [](const eval::Finding& f) { return f.rule->id == "reporting.personal_matters_new_appointment"; }) > 0);
  auto expected = describe(full);
  CHECK(describe(run.chained({"2025-07-01", "2026-01-05", "2026-06-30", "2026-11-19", "2026-11-20"})) == expected);
}

TEST_CASE("checkpoint: damaged or foreign data is refused, never half-read", "[eval][checkpoint]") {
  test::City city;
  auto plan = plan_of(*city.rules, city.store->catalog());
  auto orgs = org::OrgGraph::load(*city.store);
  eval::RunOptions o{*Date::parse("2026-06-30"), std::nullopt};
  o.save = true;
  auto saved = eval::run(*city.store, plan, orgs, city.calendar, o);
  REQUIRE(saved.state.size() > 100);

  auto resume = [&](const std::string& state, std::vector<std::string> findings) {
    eval::RunOptions r{*Date::parse("2026-11-20"), std::nullopt};
    r.resume = eval::Resume{state, &findings, saved.end_ts};
    return eval::run(*city.store, plan, orgs, city.calendar, r);
  };
  auto resume_state = [&](const std::string& state) { return resume(state, saved.new_findings); };
  CHECK_THROWS_WITH(resume_state(saved.state.substr(0, saved.state.size() / 2)), Catch::StartsWith("checkpoint:"));
  CHECK_THROWS_WITH(resume_state("not a checkpoint at all"), Catch::StartsWith("checkpoint:"));
  CHECK_THROWS_WITH(resume_state(saved.state + "x"), Catch::Contains("data after its end"));
  // Its findings: one missing, or one cut short.
  REQUIRE(saved.new_findings.size() >= 2);
  auto fewer = saved.new_findings;
  fewer.pop_back();
  CHECK_THROWS_WITH(resume(saved.state, fewer), Catch::Contains("findings are missing"));
  auto cut = saved.new_findings;
  cut[1].resize(cut[1].size() / 2);
  CHECK_THROWS_WITH(resume(saved.state, cut), Catch::StartsWith("checkpoint:"));

  // A checkpoint of a smaller rule set does not fit this one.
  check::RuleSet one = *city.rules;
  std::erase_if(one.rules, [](const check::Rule& r) { return r.kind != check::Kind::deadline; });
  one.rules.resize(1);
  auto small_plan = plan_of(one, city.store->catalog());
  eval::RunOptions s{*Date::parse("2026-06-30"), std::nullopt};
  s.save = true;
  auto small = eval::run(*city.store, small_plan, orgs, city.calendar, s);
  CHECK_THROWS_WITH(resume(small.state, small.new_findings), Catch::Contains("another rule set"));
}
