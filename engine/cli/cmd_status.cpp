// jiandu status --db DB: what the store holds, how its last audit went, its open and overdue
// alerts, its calendars, last batches and quarantine; --format json for monitoring.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "ledger/runs.h"
#include "report/findings.h"
#include "report/ledger_view.h"
#include "report/unit_counts.h"
#include "store/summary.h"

namespace jiandu::cli {
namespace {

struct AlertCounts {
  int64_t open = 0, overdue = 0;
  std::string as_of;  // overdue is judged as of the last audit
};

AlertCounts count_alerts(Store& store) {
  AlertCounts c;
  c.as_of = report::last_audit_date(store);
  report::AlertFilter open;
  open.status = "open";
  for (auto& a : report::load_alerts(store, open)) {
    ++c.open;
    if (report::is_overdue(a, c.as_of)) ++c.overdue;
  }
  return c;
}

nlohmann::json to_json(const StoreSummary& s, const AlertCounts& alerts, const std::optional<ledger::RunRecord>& last, const Calendar& cal,
                       const std::string& db) {
  using nlohmann::json;
  json j = {{"store", db},
            {"schema_version", s.version},
            {"zone", s.zone},
            {"catalog", s.catalog},
            {"records", {{"orgs", s.orgs}, {"people", s.people}, {"roles", s.roles}, {"events", s.events}}}};
  j["events_span"] = s.first_event ? json{{"first", *s.first_event}, {"last", *s.last_event}} : json(nullptr);
  j["audits"] = s.runs;
  if (last) {
    json faults = json::array();
    if (s.last_run)
      for (auto& f : s.last_run->listed)
        faults.push_back({{"rule", f.rule}, {"subject", f.subject}, {"event", f.event}, {"reason", f.reason}});
    j["last_audit"] = {{"run", last->id},
                       {"as_of", last->as_of},
                       {"started", last->started},
                       {"finished", last->finished},
                       {"result", last->faults == 0 ? "judged" : "unjudged"},
                       {"findings", last->findings},
                       {"opened", last->opened},
                       {"trail_entries", last->changed},
                       {"faults", last->faults},
                       {"fault_list", faults},
                       {"read", last->read},
                       {"events_read", last->events_read ? json(*last->events_read) : json(nullptr)},
                       {"chain", last->chain.empty() ? json(nullptr) : json(last->chain)}};
  } else {
    j["last_audit"] = nullptr;
  }
  j["last_failed_audit"] =
      s.last_failed ? json{{"at", s.last_failed->at}, {"as_of", s.last_failed->as_of}, {"reason", s.last_failed->reason}} : json(nullptr);
  j["alerts"] = {{"total", s.alerts},
                 {"open", alerts.open},
                 {"overdue", alerts.overdue},
                 {"overdue_as_of", alerts.as_of.empty() ? json(nullptr) : json(alerts.as_of)}};
  auto years = cal.years();
  j["calendar"] = {{"describe", cal.describe()},
                   {"last_official_year", years.empty() ? json(nullptr) : json(years.back())},
                   {"provisional_years", cal.provisional_years()}};
  j["checkpoint"] = s.checkpoint ? json{{"as_of", s.checkpoint->as_of},
                                        {"run", s.checkpoint->run},
                                        {"bytes", s.checkpoint->bytes},
                                        {"findings", s.checkpoint->findings}}
                                 : json(nullptr);
  json batches = json::array();
  for (auto& b : s.batches)
    batches.push_back({{"batch", b.id},
                       {"started", b.started},
                       {"files", b.files},
                       {"added", b.added},
                       {"unchanged", b.unchanged},
                       {"rejected", b.rejected}});
  j["batches"] = batches;
  j["quarantine"] = {{"held", s.held}, {"all", s.rejected}};
  return j;
}

}  // namespace

void add_status(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("status", "Show what a store holds, how its last audit went, its alerts and quarantine");
  struct Opts {
    std::string db, calendars, format = "text";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  add_calendars_option(cmd, o->calendars);
  cmd->add_option("--format", o->format, "text, or json (for monitoring)")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o, &exit_status] {
    // A reading command: it migrates an older store when it may, and reads it where it may not write.
    auto store = Store::open(o->db, Store::can_write(o->db) ? Store::Mode::read_write : Store::Mode::read_only);
    auto s = summarize(*store);
    auto alerts = count_alerts(*store);
    std::optional<ledger::RunRecord> last;
    if (auto h = ledger::run_history(*store, 1, false); !h.empty()) last = h.front();
    Calendar cal = Calendar::with_files(o->calendars.empty() ? std::vector<std::string>{} : calendar_files(o->calendars));
    // The exit tells a monitor what a person would read: 3 when the last audit could not judge
    // something, 1 when the last audit failed after it.
    if (s.last_run && s.last_run->faults) exit_status = kExitUnjudged;
    if (s.last_failed && exit_status == kExitOk) exit_status = kExitProblems;
    if (o->format == "json") {
      std::cout << to_json(s, alerts, last, cal, o->db).dump(2) << "\n";
      return;
    }
    std::cout << fmt::format("store    {} (schema version {}, zone {})\n", o->db, s.version, s.zone);
    std::cout << fmt::format("catalog  {}\n", s.catalog);
    std::cout << fmt::format("records  {} orgs, {} people, {} role assignments, {} events\n", s.orgs, s.people, s.roles, s.events);
    if (s.first_event) std::cout << fmt::format("events   {} … {}\n", *s.first_event, *s.last_event);
    if (s.runs) std::cout << fmt::format("ledger   {} audit runs, {} alerts\n", s.runs, s.alerts);
    if (s.alerts)
      std::cout << fmt::format("alerts   {} open, {} overdue (past their rectification date as of {})\n", alerts.open, alerts.overdue,
                               alerts.as_of.empty() ? "today" : alerts.as_of);
    if (s.checkpoint)
      std::cout << fmt::format("checkpoint  as of {} (audit #{}): {} of state, {} findings; the next audit resumes from it\n",
                               s.checkpoint->as_of, s.checkpoint->run,
                               s.checkpoint->bytes < 1000000 ? fmt::format("{} KB", (s.checkpoint->bytes + 999) / 1000)
                                                             : fmt::format("{:.1f} MB", double(s.checkpoint->bytes) / 1e6),
                               s.checkpoint->findings);
    if (s.last_run) {
      auto& r = *s.last_run;
      std::string read = last && !last->read.empty() ? " (" + terminal_safe(last->read) + ")" : "";
      if (r.faults == 0) {
        std::cout << fmt::format("last audit  #{} as of {}: every obligation judged{}\n", r.id, r.as_of, read);
      } else {
        std::cout << fmt::format("last audit  #{} as of {}: {} obligation{} could not be judged{}:\n", r.id, r.as_of, r.faults,
                                 r.faults == 1 ? "" : "s", read);
        for (auto& f : r.listed) std::cout << "  " << terminal_safe(report::describe_fault(f.rule, {f.subject, f.event, f.reason})) << "\n";
      }
    }
    if (s.last_failed)
      std::cout << fmt::format("last failed audit  at {} as of {}: {}\n", s.last_failed->at, s.last_failed->as_of,
                               terminal_safe(s.last_failed->reason.substr(0, s.last_failed->reason.find('\n'))));
    auto years = cal.years();
    std::cout << "calendars   " << cal.describe() << (years.empty() ? "" : fmt::format("; last official year {}", years.back())) << "\n";
    if (auto n = year_end_notice(cal, today_or("")); !n.empty()) std::cerr << n << "\n";
    if (!s.types.empty()) {
      std::cout << "event types:\n";
      for (auto& [t, n] : s.types) std::cout << fmt::format("  {:<32} {:>8}\n", t, n);
    }
    if (!s.batches.empty()) {
      std::cout << "last import batches:\n";
      for (auto& b : s.batches)
        std::cout << fmt::format("  #{:<4} {}  {} added, {} unchanged, {} rejected  {}\n", b.id, b.started, b.added, b.unchanged,
                                 b.rejected, terminal_safe(b.files));
    }
    if (s.held == 0) {
      std::cout << "quarantine: empty" << (s.rejected ? fmt::format(" ({} settled: jiandu quarantine list --all)", s.rejected) : "")
                << "\n";
    } else {
      std::cout << fmt::format("quarantine: {} records held{}\n", s.held,
                               s.held > int64_t(s.quarantined.size())
                                   ? fmt::format(" (the latest {} shown; jiandu quarantine list shows all)", s.quarantined.size())
                                   : "");
      for (auto& q : s.quarantined)
        std::cout << fmt::format("  {}:{}: {} [{}, batch {}]\n      {}\n", terminal_safe(q.file), q.line, terminal_safe(q.reason), q.code,
                                 q.batch, terminal_safe(q.raw));
    }
  });
}

}  // namespace jiandu::cli
