// jiandu check: run the rules over the store as of a date and print the findings (read-only).
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "base/error.h"
#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/cli_rules.h"
#include "cli/session.h"
#include "compile/plan.h"
#include "eval/run.h"
#include "ledger/resume.h"
#include "org/org_graph.h"
#include "report/findings.h"

namespace jiandu::cli {

void add_check(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("check", "Run the rules over the store as of a date and list the findings (read-only)");
  struct Opts {
    std::vector<std::string> rules, only;
    std::string db, as_of, org, format = "table", fail_on, calendars, catalog;
    bool full = false, timings = false;
    int threads = 0;  // one per core (threads_to_use)
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--rules", o->rules, "rule files or folders")->required();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--as-of", o->as_of, "judge as of this date (default: today)")->check(date_validator());
  cmd->add_option("--rule", o->only, "only this rule (repeatable)");
  cmd->add_option("--org", o->org, "only findings about this unit and the units below it");
  cmd->add_option("--format", o->format, "table, jsonl or csv")->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->add_option("--fail-on", o->fail_on, "exit 1 when a finding at or above this severity exists")
      ->check(CLI::IsMember(names_of(check::kSeverities)));
  cmd->add_flag("--full", o->full, "read every event, even when the last audit's checkpoint would do");
  cmd->add_flag("--timings", o->timings, "print how long each stage took (to stderr)");
  add_threads_option(cmd, o->threads);
  add_store_catalog_option(cmd, o->catalog);
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o, &exit_status] {
    using Clock = std::chrono::steady_clock;
    auto clock = Clock::now();
    std::vector<std::pair<std::string, double>> timings;
    auto lap = [&](std::string stage) {
      auto now = Clock::now();
      timings.emplace_back(std::move(stage), std::chrono::duration<double>(now - clock).count());
      clock = now;
    };
    auto store = Store::open(o->db, Store::Mode::read_only);
    Date as_of = today_or(o->as_of);
    Session session(*store, {o->rules, o->catalog, o->calendars, as_of});
    lap("rules loaded and checked");
    auto plan = session.compile(o->only);
    lap("rules compiled");
    auto& orgs = session.orgs();
    lap("organisation loaded");
    if (!o->org.empty() && orgs.org_index(o->org) < 0) throw Error("--org " + o->org + ": no such org unit in the store");
    eval::RunOptions opts{as_of, o->org.empty() ? std::nullopt : std::optional<std::string>(o->org)};
    opts.threads = threads_to_use(o->threads);
    // The whole rule set as of the last audit's date or later resumes from its checkpoint:
    // the same findings, reading only the events since (a subset of rules reads everything).
    auto from = ledger::plan_resume(*store, session.rules(), session.calendar(), orgs, as_of, o->full || !o->only.empty());
    auto result = ledger::run_resumed(*store, plan, orgs, session.calendar(), opts, from);
    timings.insert(timings.end(), result.timings.begin(), result.timings.end());
    clock = Clock::now();
    if (from.resumed)
      std::cerr << "resumed from the audit as of " << from.saved->as_of << ": " << result.new_events << " new events read\n";
    if (o->format == "jsonl")
      report::write_jsonl(std::cout, result.findings);
    else if (o->format == "csv")
      report::write_csv(std::cout, result.findings);
    else
      report::write_table(std::cout, result.findings);
    lap("findings written");
    report::write_stats(std::cerr, result);
    if (o->timings)
      for (auto& [stage, secs] : timings) std::cerr << fmt::format("  {:>8.3f} s  {}\n", secs, stage);
    if (!o->fail_on.empty()) {
      auto bar = *check::severity_from(o->fail_on);
      for (auto& f : result.findings)
        if (f.rule->severity >= bar) exit_status = kExitProblems;
    }
    if (report::fault_count(result) > 0) exit_status = kExitUnjudged;
  });
}

void add_graph(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("graph", "Show the evaluation graph: shared predicates, rules, dispatch");
  struct Opts {
    std::vector<std::string> rules;
    std::string format = "text", catalog, calendars;
    bool lowered = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--rules", o->rules, "rule files or folders")->required();
  cmd->add_option("--format", o->format, "text, or dot (Graphviz)")->check(CLI::IsMember({"text", "dot"}));
  cmd->add_flag("--lowered", o->lowered, "also print the program each expression runs as (constants folded, attributes typed)");
  cmd->add_option("--catalog", o->catalog, "an event catalog extending the built-in one");
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o, &exit_status] {
    Session session({o->rules, o->catalog, o->calendars, today_or("")});
    auto plan = session.compile();
    std::cout << (o->format == "dot" ? compile::to_dot(plan) : compile::to_text(plan, o->lowered));
  });
}

}  // namespace jiandu::cli
