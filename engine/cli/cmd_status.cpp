// jiandu status --db DB: what the store holds, its last batches and its quarantine.
#include <iostream>

#include <fmt/format.h>

#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "report/findings.h"
#include "store/summary.h"

namespace jiandu::cli {

void add_status(CLI::App& app) {
  auto* cmd = app.add_subcommand("status", "Show what a store holds, its import batches and quarantined records");
  struct Opts {
    std::string db, calendars;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o] {
    // A reading command: it migrates an older store when it may, and reads it where it may not write.
    auto store = Store::open(o->db, Store::can_write(o->db) ? Store::Mode::read_write : Store::Mode::read_only);
    auto s = summarize(*store);
    std::cout << fmt::format("store    {} (schema version {}, zone {})\n", o->db, s.version, s.zone);
    std::cout << fmt::format("catalog  {}\n", s.catalog);
    std::cout << fmt::format("records  {} orgs, {} people, {} role assignments, {} events\n", s.orgs, s.people,
                             s.roles, s.events);
    if (s.first_event) std::cout << fmt::format("events   {} … {}\n", *s.first_event, *s.last_event);
    if (s.runs) std::cout << fmt::format("ledger   {} audit runs, {} alerts\n", s.runs, s.alerts);
    if (s.checkpoint)
      std::cout << fmt::format("checkpoint  as of {} (audit #{}): {} of state, {} findings; the next audit resumes from it\n",
                               s.checkpoint->as_of, s.checkpoint->run,
                               s.checkpoint->bytes < 1000000 ? fmt::format("{} KB", (s.checkpoint->bytes + 999) / 1000)
                                                             : fmt::format("{:.1f} MB", double(s.checkpoint->bytes) / 1e6),
                               s.checkpoint->findings);
    if (s.last_run) {
      auto& r = *s.last_run;
      if (r.faults == 0) {
        std::cout << fmt::format("last audit  #{} as of {}: every obligation judged\n", r.id, r.as_of);
      } else {
        std::cout << fmt::format("last audit  #{} as of {}: {} obligation{} could not be judged:\n", r.id, r.as_of, r.faults,
                                 r.faults == 1 ? "" : "s");
        for (auto& f : r.listed)
          std::cout << "  " << terminal_safe(report::describe_fault(f.rule, {f.subject, f.event, f.reason})) << "\n";
        exit_code() = kExitUnjudged;
      }
    }
    if (s.last_failed) {
      std::cout << fmt::format("last failed audit  at {} as of {}: {}\n", s.last_failed->at, s.last_failed->as_of,
                               terminal_safe(s.last_failed->reason.substr(0, s.last_failed->reason.find('\n'))));
      if (exit_code() == kExitOk) exit_code() = kExitProblems;
    }
    Calendar cal = Calendar::with_files(o->calendars.empty() ? std::vector<std::string>{} : calendar_files(o->calendars));
    std::cout << "calendars   " << cal.describe() << "\n";
    if (auto n = year_end_notice(cal, today_or("")); !n.empty()) std::cerr << n << "\n";
    if (!s.types.empty()) {
      std::cout << "event types:\n";
      for (auto& [t, n] : s.types) std::cout << fmt::format("  {:<32} {:>8}\n", t, n);
    }
    if (!s.batches.empty()) {
      std::cout << "last import batches:\n";
      for (auto& b : s.batches)
        std::cout << fmt::format("  #{:<4} {}  {} added, {} unchanged, {} rejected  {}\n", b.id, b.started, b.added,
                                 b.unchanged, b.rejected, b.files);
    }
    if (s.rejected == 0) {
      std::cout << "quarantine: empty\n";
    } else {
      std::cout << fmt::format("quarantine: {} records{}\n", s.rejected,
                               s.rejected > int64_t(s.quarantined.size())
                                   ? fmt::format(" (the latest {} shown)", s.quarantined.size())
                                   : "");
      for (auto& q : s.quarantined)
        std::cout << fmt::format("  {}:{}: {} [{}, batch {}]\n      {}\n", q.file, q.line, q.reason, q.code, q.batch,
                                 q.raw);
    }
  });
}

}  // namespace jiandu::cli
