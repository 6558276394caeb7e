// The alert ledger: alerts, trail, ack, resolve, verify-alert, waive, verify.
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <SQLiteCpp/Statement.h>

#include "base/diagnostic.h"
#include "base/error.h"
#include "cli/commands.h"
#include "ledger/trail.h"
#include "report/html.h"
#include "report/ledger_view.h"

namespace jiandu::cli {

void add_alerts(CLI::App& app) {
  auto* cmd = app.add_subcommand("alerts", "List the alerts of the ledger");
  struct Opts {
    std::string db, status, org, rule, format = "table";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--status", o->status, "only alerts in this state (or 'open')")
      ->check(CLI::IsMember({"open", "assigned", "in_progress", "rectified", "verified", "closed", "escalated", "reopened", "waived"}));
  cmd->add_option("--org", o->org, "only alerts about this unit and the units below it");
  cmd->add_option("--rule", o->rule, "only alerts of this rule");
  cmd->add_option("--format", o->format, "table, jsonl or csv")->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->callback([o] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    auto alerts = report::load_alerts(*store, {o->status, o->org, o->rule});
    if (o->format == "jsonl") report::write_alerts_jsonl(std::cout, alerts);
    else if (o->format == "csv") report::write_alerts_csv(std::cout, alerts);
    else report::write_alerts_table(std::cout, alerts);
  });
}

void add_trail(CLI::App& app) {
  auto* cmd = app.add_subcommand("trail", "Show an alert's trail as a timeline, with the finding's explanation");
  auto o = std::make_shared<std::pair<std::string, std::string>>();
  cmd->add_option("--db", o->first, "the store")->required();
  cmd->add_option("ALERT", o->second, "the alert id")->required();
  cmd->callback([o] {
    auto store = Store::open(o->first, Store::Mode::read_only);
    report::write_trail(std::cout, *store, o->second);
  });
}

}  // namespace jiandu::cli

namespace jiandu::cli {

void add_report(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Write the inspector's report: one self-contained HTML file, in Chinese");
  struct Opts {
    std::string db, html, as_of, title = "监督检查报告";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--html", o->html, "the HTML file to write")->required();
  cmd->add_option("--as-of", o->as_of, "judge 'overdue' as of this date (default: the last audit's)");
  cmd->add_option("--title", o->title, "the report's title")->capture_default_str();
  cmd->callback([o] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    std::ofstream out(o->html, std::ios::binary);
    if (!out) throw Error(o->html + ": cannot write");
    report::write_html(out, *store, {o->as_of, o->title});
    out.close();
    if (!out) throw Error(o->html + ": writing failed");
    std::cout << "wrote " << o->html << "\n";
    if (auto f = report::load_last_run_faults(*store); f && f->total > 0) {
      std::cerr << "the last audit could not judge " << f->total << " obligations: the report lists them under 未能判断的事项\n";
      exit_code() = kExitUnjudged;
    }
  });
}

}  // namespace jiandu::cli
