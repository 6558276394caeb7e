// The alert ledger read back: alerts, trail, report. Each checks the trail's hash chain
// first: a broken chain is said before anything else and makes the command exit 1.
#include <fstream>
#include <iostream>
#include <optional>

#include "base/atomic_file.h"
#include "base/date.h"
#include "base/error.h"
#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/commands.h"
#include "report/html.h"
#include "report/integrity.h"
#include "report/ledger_view.h"
#include "report/xlsx.h"

namespace jiandu::cli {

void add_alerts(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("alerts", "List the alerts of the ledger");
  struct Opts {
    std::string db, status, org, rule, format = "table", out;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--status", o->status, "only alerts in this state (or 'open')")->check(CLI::IsMember([] {
    auto names = names_of(ledger::kStatuses);
    names.insert(names.begin(), "open");
    return names;
  }()));
  cmd->add_option("--org", o->org, "only alerts about this unit and the units below it");
  cmd->add_option("--rule", o->rule, "only alerts of this rule");
  cmd->add_option("--format", o->format, "table, jsonl, csv (for Excel: BOM, Chinese headers) or xlsx (needs --out)")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "xlsx"}));
  cmd->add_option("--out", o->out, "write to this file instead of standard output");
  cmd->callback([o, &exit_status] {
    if (o->format == "xlsx" && o->out.empty()) throw Error("--format xlsx writes a workbook: give --out FILE.xlsx");
    auto store = Store::open(o->db, Store::Mode::read_only);
    report::AlertFilter filter;
    filter.status = o->status;
    filter.org = o->org;
    filter.rule = o->rule;
    auto alerts = report::load_alerts(*store, filter);
    auto integrity = report::check_integrity(*store);
    size_t altered = report::mark_altered(alerts, integrity);
    if (integrity.broken()) {
      std::cerr << "警告：" << integrity.warning() << "；所列预警中有 " << altered << " 个的轨迹记录已被改动"
                << (o->format == "table"   ? "（以 ! 标出）"
                    : o->format == "jsonl" ? ""
                                           : "（见“轨迹校验”列）")
                << "，台账内容不可作为依据（jiandu verify 可查详情）\n";
      exit_status = kExitProblems;
    }
    if (o->format == "xlsx") {
      AtomicFile file(o->out);
      report::write_xlsx(file.temp_path(), *store, alerts, report::last_audit_date(*store));
      file.commit();
      std::cout << "wrote " << o->out << "\n";
      return;
    }
    std::optional<AtomicFile> file;
    if (!o->out.empty()) file.emplace(o->out);
    std::ostream& out = file ? file->stream() : std::cout;
    if (o->format == "jsonl")
      report::write_alerts_jsonl(out, alerts);
    else if (o->format == "csv")
      report::write_alerts_csv(out, alerts, store->zone());
    else
      report::write_alerts_table(out, alerts);
    if (file) {
      file->commit();
      std::cout << "wrote " << o->out << "\n";
    }
  });
}

void add_trail(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("trail", "Show an alert's trail as a timeline, with the finding's explanation");
  auto o = std::make_shared<std::pair<std::string, std::string>>();
  cmd->add_option("--db", o->first, "the store")->required();
  cmd->add_option("ALERT", o->second, "the alert id")->required();
  cmd->callback([o, &exit_status] {
    auto store = Store::open(o->first, Store::Mode::read_only);
    auto integrity = report::check_integrity(*store);
    report::write_trail(std::cout, *store, o->second, integrity);
    if (integrity.broken()) exit_status = kExitProblems;
  });
}

void add_report(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("report", "Write the inspector's report: a self-contained HTML file in Chinese, and/or an .xlsx workbook");
  struct Opts {
    std::string db, html, xlsx, as_of, title = "监督检查报告";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--html", o->html, "the HTML file to write");
  cmd->add_option("--xlsx", o->xlsx, "the workbook to write: the problem list, per-unit and per-organ counts");
  cmd->add_option("--as-of", o->as_of, "judge 'overdue' as of this date (default: the last audit's)")->check(date_validator());
  cmd->add_option("--title", o->title, "the report's title")->capture_default_str();
  cmd->callback([o, &exit_status] {
    if (o->html.empty() && o->xlsx.empty()) throw Error("report: give --html FILE and/or --xlsx FILE");
    auto store = Store::open(o->db, Store::Mode::read_only);
    if (!o->as_of.empty() && !Date::parse(o->as_of)) throw Error("--as-of " + terminal_safe(o->as_of) + ": not a date (YYYY-MM-DD)");
    if (!o->html.empty()) {
      AtomicFile file(o->html);
      report::write_html(file.stream(), *store, {o->as_of, o->title});
      file.commit();
      std::cout << "wrote " << o->html << "\n";
    }
    auto integrity = report::check_integrity(*store);
    if (!o->xlsx.empty()) {
      auto alerts = report::load_alerts(*store, {});
      report::mark_altered(alerts, integrity);
      AtomicFile file(o->xlsx);
      report::write_xlsx(file.temp_path(), *store, alerts, o->as_of.empty() ? report::last_audit_date(*store) : o->as_of);
      file.commit();
      std::cout << "wrote " << o->xlsx << "\n";
    }
    if (auto f = report::load_last_run_faults(*store); f && f->total > 0) {
      std::cerr << "the last audit could not judge " << f->total << " obligations: the report lists them under 未能判断的事项\n";
      exit_status = kExitUnjudged;
    }
    if (integrity.broken()) {
      std::cerr << "the trail's hash chain does not verify (entry " << *integrity.chain.first_bad
                << "): the report opens with a warning and marks the altered entries\n";
      if (exit_status != kExitUnjudged) exit_status = kExitProblems;  // 3 says more: the list is incomplete too
    }
  });
}

}  // namespace jiandu::cli
