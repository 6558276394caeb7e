// A run on several threads (each rule fed on one of them, eval/feeder.h) finds what a run on
// one finds: the same findings, field by field and in the same order, the same counts and
// faults, and the same checkpoint, byte for byte.
#include <catch2/catch.hpp>

#include "compile/plan.h"
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
    s += f.rule->id + " " + check::name(f.outcome) + " " + f.subject_type + ":" + f.subject_id + " period=" + f.period + " key=" + f.key +
         " date=" + f.date.str() + " " + f.message + " " + f.numbers.dump() + "\n";
  }
  for (auto& [id, st] : r.stats) {
    s += id + " events=" + std::to_string(st.events) + " faults=" + std::to_string(st.faults) + "\n";
    for (auto& x : st.fault_list) s += "  " + x.subject + " " + x.event + " " + x.reason + "\n";
  }
  s += "read " + std::to_string(r.events) + " watermark " + std::to_string(r.watermark) + "\n";
  return s;
}

}  // namespace

TEST_CASE(
    "threads: a generated city on 2, 3 and 4 threads (1, 2 and 3 workers besides the reader) finds what one thread finds, checkpoint "
    "included",
    "[eval][threads]") {
  test::TempDir dir;
  auto store = Store::create(dir.path("gen.db"));
  auto cal = test::library_calendar();
  gen::Params p;
  p.units = 40;
  p.people = 600;
  p.seed = 11;
  p.lapse_rate = 0.2;
  p.activity = 40;
  gen::generate(*store, cal, p);
  auto rules = test::library_rules(store->catalog());
  Diagnostics d;
  auto plan = compile::compile(*rules, store->catalog(), d);
  REQUIRE_FALSE(d.has_errors());
  auto orgs = org::OrgGraph::load(*store);

  auto run = [&](int threads, const std::string& as_of, const eval::RunResult* from = nullptr,
                 const std::vector<std::string>* findings = nullptr) {
    eval::RunOptions o{*Date::parse(as_of), std::nullopt};
    o.threads = threads;
    o.save = true;
    if (from) o.resume = eval::Resume{from->state, findings, from->end_ts};
    return eval::run(*store, plan, orgs, cal, o);
  };
  auto one = run(1, "2026-11-20");
  REQUIRE(one.findings.size() > 100);
  for (int threads : {2, 3, 4}) {
    INFO(threads << " threads");
    auto many = run(threads, "2026-11-20");
    CHECK(describe(many) == describe(one));
    CHECK(many.state == one.state);
    CHECK(many.new_findings == one.new_findings);
  }
  // Resumed from a checkpoint made on one thread, on two.
  auto mid = run(1, "2026-06-30");
  auto resumed = run(2, "2026-11-20", &mid, &mid.new_findings);
  auto resumed_one = run(1, "2026-11-20", &mid, &mid.new_findings);
  CHECK(describe(resumed) == describe(resumed_one));
  CHECK(resumed.state == resumed_one.state);
}

TEST_CASE("threads: the example city, with its faults, on two and three threads", "[eval][threads]") {
  test::City city;
  Diagnostics d;
  auto plan = compile::compile(*city.rules, city.store->catalog(), d);
  REQUIRE_FALSE(d.has_errors());
  auto orgs = org::OrgGraph::load(*city.store);
  eval::RunOptions o{*Date::parse("2026-11-20"), std::nullopt};
  auto one = eval::run(*city.store, plan, orgs, city.calendar, o);
  for (int threads : {2, 3}) {
    INFO(threads << " threads");
    o.threads = threads;
    auto many = eval::run(*city.store, plan, orgs, city.calendar, o);
    CHECK(describe(many) == describe(one));
  }
}
