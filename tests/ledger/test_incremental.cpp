// The nightly audit resumes from the last audit's checkpoint and leaves the ledger exactly as
// an audit over every event would; whatever the checkpoint cannot vouch for makes it read
// everything again, and says why.
#include <filesystem>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "check/checker.h"
#include "compile/plan.h"
#include "ledger/audit.h"
#include "ledger/resume.h"
#include "org/org_graph.h"
#include "store/import.h"
#include "store/summary.h"
#include "support/city.h"
#include "support/dump.h"

using namespace jiandu;
using test::dump;

namespace {

struct Audited {
  test::City city;
  compile::Plan plan;
  ledger::Policy policy = ledger::load_policy(check::discover({test::source_path("rules")}).policies);

  Audited() {
    Diagnostics d;
    plan = compile::compile(*city.rules, city.store->catalog(), d);
    REQUIRE_FALSE(d.has_errors());
  }
  SQLite::Database& db() { return city.store->db(); }
  ledger::AuditSummary audit(const std::string& as_of, bool full = false) {
    auto orgs = org::OrgGraph::load(*city.store);
    return ledger::audit(*city.store, *city.rules, plan, orgs, city.calendar, policy, *Date::parse(as_of), {full, {}});
  }
  std::string ledger() { return dump(db(), "alerts") + dump(db(), "alert_keys") + dump(db(), "trail"); }
  void import(const std::string& name, const std::string& text) {
    auto path = city.dir.write(name, text);
    auto r = import_files(*city.store, {path});
    REQUIRE(r.rejections.empty());
  }
};

}  // namespace

TEST_CASE("incremental audit: night by night, the same ledger as full audits", "[ledger][incremental]") {
  Audited resumed, full;
  size_t read = 0;
  for (Date d = *Date::parse("2026-10-20"); d <= *Date::parse("2026-11-20"); d = d.add_days(1)) {
    INFO("as of " << d.str());
    auto r = resumed.audit(d.str());
    auto f = full.audit(d.str(), true);
    CHECK(r.resumed == (d.str() != "2026-10-20"));
    CHECK(f.full_because == "asked for (--full)");
    CHECK(r.findings == f.findings);
    CHECK(r.entries == f.entries);
    if (r.resumed) read += r.events_read;
  }
  CHECK(resumed.ledger() == full.ledger());
  auto where = [](Audited& a) {
    return a.db().execAndGet("SELECT as_of || ' ' || end_ts || ' ' || max_seq || ' ' || fingerprint FROM checkpoint").getString();
  };
  CHECK(where(resumed) == where(full));
  // After the first night, each read only its own day's events: 75 over the month.
  CHECK(read == std::stoul(resumed.db()
                               .execAndGet("SELECT count(*) FROM events WHERE date(ts + utc_offset, 'unixepoch') "
                                           "BETWEEN '2026-10-21' AND '2026-11-20'")
                               .getString()));
}

TEST_CASE("incremental audit: what the checkpoint cannot vouch for is read again", "[ledger][incremental]") {
  Audited s;
  auto first = s.audit("2026-11-10");
  CHECK_FALSE(first.resumed);
  CHECK_THAT(first.full_because, Catch::Contains("no checkpoint yet"));

  SECTION("an event dated before the last audit, imported after it") {
    s.import("late.csv",
             "id,ts,type,org,person,ref,attrs\nlate-1,2026-11-02T10:00,car.use,jyj,p062,,"
             "\"{\"\"plate\"\": \"\"赣G·A3015\"\", \"\"purpose\"\": \"\"private\"\", \"\"km\"\": 12.0}\"\n");
    auto r = s.audit("2026-11-11");
    CHECK_FALSE(r.resumed);
    CHECK_THAT(r.full_because, Catch::Contains("1 events dated on or before 2026-11-10"));
    CHECK(s.db().execAndGet("SELECT count(*) FROM alert_keys WHERE key LIKE '%late-1%'").getInt() == 1);
    CHECK(s.audit("2026-11-12").resumed);  // the next checkpoint covers it
  }
  SECTION("a change of the organisation records") {
    s.import("roles.csv", "person,org,role,from,to\np062,jyj,deputy_secretary,2026-11-01,\n");
    auto r = s.audit("2026-11-11");
    CHECK_FALSE(r.resumed);
    CHECK(r.full_because == "changed since the audit as of 2026-11-10: the role assignments changed");
  }
  SECTION("a deployment catalog accepted; its file edited; a new version accepted") {
    auto cat = s.city.dir.write("mine.yaml", "types:\n  local.visit:\n    title: 走访\n    attrs: {households: int}\n");
    CHECK(s.city.store->accept_catalog(cat) == 1);
    auto r = s.audit("2026-11-11");
    CHECK_FALSE(r.resumed);
    CHECK_THAT(r.full_because, Catch::Contains("changed since the audit as of 2026-11-10"));
    CHECK(s.audit("2026-11-12").resumed);
    // The store keeps the text: editing (or moving) the file changes nothing it reads.
    s.city.dir.write("mine.yaml", "types:\n  local.visit:\n    title: 走访\n    attrs: {households: int, note: string}\n");
    CHECK(s.audit("2026-11-13").resumed);
    CHECK(s.city.store->compare_catalog(cat) == Store::CatalogMatch::differs);
    CHECK(s.city.store->accept_catalog(cat, "note 属性") == 2);
    CHECK_FALSE(s.audit("2026-11-14").resumed);
  }
  SECTION("status shows the checkpoint") {
    auto summary = summarize(*s.city.store);
    REQUIRE(summary.checkpoint);
    CHECK(summary.checkpoint->as_of == "2026-11-10");
    CHECK(summary.checkpoint->run == first.run);
    CHECK(summary.checkpoint->findings > 0);
  }
  SECTION("a change of the rules, named by its file; a comment is no change") {
    auto& file = s.city.rules->files.front();  // as if a rule file had been edited
    auto name = std::filesystem::path(file.source->name()).filename().string();
    file.source = std::make_shared<const Source>(file.source->name(), file.source->text() + "\n# 修订\n");
    CHECK(s.audit("2026-11-11").resumed);  // what it says is the same
    file.content_hash += "-edited";
    auto r = s.audit("2026-11-12");
    CHECK_FALSE(r.resumed);
    CHECK_THAT(r.full_because,
               Catch::StartsWith("changed since the audit as of 2026-11-11: rule file ") && Catch::EndsWith("/" + name + " changed"));
  }
  SECTION("a damaged checkpoint") {
    s.db().exec("UPDATE checkpoint SET state = x'00ff'");
    auto r = s.audit("2026-11-11");
    CHECK_FALSE(r.resumed);
    CHECK_THAT(r.full_because, Catch::Contains("does not match its checksum"));
    CHECK(s.audit("2026-11-12").resumed);
  }
  SECTION("the same night again resumes and changes nothing") {
    auto before = s.ledger();
    auto r = s.audit("2026-11-10");
    CHECK(r.resumed);
    CHECK(r.events_read == 0);
    CHECK(r.entries == 0);
    CHECK(s.ledger() == before);
  }
}

TEST_CASE("incremental audit: a check resumes from the audit's checkpoint and finds the same", "[ledger][incremental]") {
  Audited s;
  s.audit("2026-11-10");
  auto orgs = org::OrgGraph::load(*s.city.store);
  auto findings = [&](const std::string& as_of, bool full, ledger::ResumeFrom* out = nullptr) {
    auto from = ledger::plan_resume(*s.city.store, *s.city.rules, s.city.calendar, orgs, *Date::parse(as_of), full);
    auto r = ledger::run_resumed(*s.city.store, s.plan, orgs, s.city.calendar, {*Date::parse(as_of), std::nullopt}, from);
    std::string text;
    for (auto& f : r.findings) text += f.stable_key() + " " + check::name(f.outcome) + " " + f.message + " " + f.numbers.dump() + "\n";
    if (out) *out = std::move(from);
    return text;
  };
  ledger::ResumeFrom from;
  auto resumed = findings("2026-11-20", false, &from);
  CHECK(from.resumed);
  CHECK(resumed == findings("2026-11-20", true));
  // A date before the checkpoint's is read in full.
  findings("2026-11-05", false, &from);
  CHECK_FALSE(from.resumed);
  CHECK_THAT(from.why, Catch::Contains("later date (2026-11-10)"));
  // Nothing is written: the store keeps the audit's checkpoint.
  CHECK(s.db().execAndGet("SELECT as_of FROM checkpoint").getString() == "2026-11-10");
}
