// jiandu audit: the nightly job — findings into the alert ledger, trails advanced.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "base/error.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/session.h"
#include "cli/commands.h"
#include "ledger/audit.h"
#include "ledger/lock.h"
#include "report/findings.h"

namespace jiandu::cli {

void add_audit(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("audit", "Run the rules and update the alert ledger and its trails (the nightly job)");
  struct Opts {
    std::vector<std::string> rules;
    std::string db, as_of, calendars, catalog;
    bool wait = false, full = false, timings = false;
    int threads = 0;  // one per core (threads_to_use)
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--rules", o->rules, "rule folders (with calendars/ and policy/)")->required();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--as-of", o->as_of, "audit as of this date (default: today)")->check(date_validator());
  cmd->add_flag("--wait", o->wait, "wait for a running audit to end instead of refusing at once");
  cmd->add_flag("--full", o->full, "read every event, not only those after the last audit's checkpoint");
  add_store_catalog_option(cmd, o->catalog);
  add_calendars_option(cmd, o->calendars);
  cmd->add_flag("--timings", o->timings, "print how long each stage took (to stderr)");
  add_threads_option(cmd, o->threads);
  cmd->callback([o, &exit_status] {
    using Clock = std::chrono::steady_clock;
    std::vector<std::pair<std::string, double>> timings;
    auto clock = Clock::now();
    auto lap = [&](const char* stage) {
      timings.emplace_back(stage, std::chrono::duration<double>(Clock::now() - clock).count());
      clock = Clock::now();
    };
    ledger::AuditLock lock(o->db, o->wait);
    auto store = Store::open(o->db);
    Date as_of = today_or(o->as_of);
    // Whatever stops the audit from here is recorded as a failed run (its own transaction,
    // after the audit's rolled back), then reported as usual.
    try {
      Session session(*store, {o->rules, o->catalog, o->calendars, as_of});
      auto policy = session.policy();
      if (auto n = year_end_notice(session.calendar(), as_of); !n.empty()) std::cerr << n << "\n";
      lap("rules loaded and checked");
      auto plan = session.compile();
      lap("rules compiled");
      auto& orgs = session.orgs();
      lap("organisation loaded");
      auto s =
          ledger::audit(*store, session.rules(), plan, orgs, session.calendar(), policy, as_of, {o->full, {}, threads_to_use(o->threads)});
      timings.insert(timings.end(), s.timings.begin(), s.timings.end());
      if (s.resumed)
        std::cout << fmt::format("resumed from the audit as of {}: {} new events read\n", s.resumed_from, s.events_read);
      else
        std::cout << fmt::format("read all {} events: {}\n", s.events_read, s.full_because);
      std::cout << fmt::format(
          "audit #{} as of {}: {} findings; {} alerts opened, {} reopened, {} progressed, {} closed, "
          "{} escalated; {} trail entries\n",
          s.run, as_of.str(), s.findings, s.opened, s.reopened, s.progressed, s.closed, s.escalated, s.entries);
      if (s.redated) std::cout << fmt::format("{} alerts' due dates recomputed on a changed calendar (see their trails)\n", s.redated);
      eval::RunResult r;
      r.stats = s.stats;
      report::write_stats(std::cerr, r);
      if (!s.chain_broken.empty()) {
        std::cerr << "error: the trail does not verify (" << s.chain_broken << "): audit #" << s.run
                  << " recorded it; run jiandu verify --db " << o->db << "\n";
        exit_status = kExitProblems;
      }
      if (s.faults > 0) {
        std::cerr << fmt::format("audit #{} recorded them (jiandu status --db {} lists them)\n", s.run, o->db);
        exit_status = kExitUnjudged;
      }
      if (o->timings)
        for (auto& [stage, secs] : timings) std::cerr << fmt::format("  {:>8.3f} s  {}\n", secs, stage);
    } catch (const std::exception& e) {
      ledger::record_failed_audit(*store, as_of.str(), e.what());
      throw;
    }
  });
}

}  // namespace jiandu::cli
