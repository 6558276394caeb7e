// jiandu quarantine list|retry|drop: the records imports could not take, held until retried
// into the store or dropped with a reason (docs/operations.md, "Quarantine").
#include <pwd.h>
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "report/local_time.h"
#include "store/quarantine.h"

namespace jiandu::cli {
namespace {

// Who settles a record: the name given, and always the account that ran the command.
std::string settled_by(const std::string& given) {
  const passwd* pw = getpwuid(geteuid());
  std::string account = pw && pw->pw_name ? pw->pw_name : "uid " + std::to_string(geteuid());
  return given.empty() ? account : given + " (account " + account + ")";
}

struct Opts {
  std::string db, code, by, reason;
  std::vector<int64_t> ids;
  int64_t batch = 0;
  bool all = false, settled = false;
  size_t limit = 50;
};

void add_selection(CLI::App* cmd, Opts& o, bool for_list) {
  cmd->add_option("--db", o.db, "the store")->required();
  cmd->add_option("ID", o.ids, "quarantined records by number (as `list` shows them)");
  cmd->add_option("--code", o.code, "records of this reason code only (e.g. unknown_org)");
  cmd->add_option("--batch", o.batch, "records of this import batch only");
  if (!for_list) cmd->add_flag("--all", o.all, "every held record (when no ID, --code or --batch is given)");
}

QuarantineFilter filter_of(const Opts& o) {
  QuarantineFilter f;
  f.ids = o.ids;
  f.code = o.code;
  if (o.batch) f.batch = o.batch;
  f.settled = o.settled;
  return f;
}

// An action on every held record needs saying so: a bare `drop` must not drop everything.
void require_selection(const Opts& o, const char* what) {
  if (o.ids.empty() && o.code.empty() && !o.batch && !o.all)
    throw Error(std::string("say which records to ") + what + ": IDs, --code, --batch, or --all for every held one");
}

}  // namespace

void add_quarantine(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("quarantine", "The records imports could not take: list, retry into the store, drop with a reason");
  cmd->require_subcommand(1);
  auto o = std::make_shared<Opts>();

  auto* list = cmd->add_subcommand("list", "The held records, newest first (--settled: also those retried or dropped)");
  add_selection(list, *o, true);
  list->add_flag("--settled", o->settled, "also the records already imported by a retry or dropped");
  list->add_option("--limit", o->limit, "at most this many (default 50)")->check(CLI::Range(size_t(1), size_t(1000000)));
  list->callback([o, &exit_status] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    int64_t total = 0;
    auto rows = list_quarantine(*store, filter_of(*o), o->limit, &total);
    if (rows.empty()) {
      std::cout << (o->settled ? "the quarantine has no such record\n" : "no record is held in quarantine\n");
      return;
    }
    for (auto& r : rows) {
      std::cout << fmt::format("#{} {}:{}: {} [{}, batch {}, {}]\n", r.id, terminal_safe(r.file), r.line, terminal_safe(r.reason), r.code,
                               r.batch, r.kind);
      std::cout << "    " << terminal_safe(r.raw) << "\n";
      if (r.state == "imported")
        std::cout << fmt::format("    imported by {} at {} (batch {})\n", terminal_safe(r.settled_by),
                                 report::local_moment(r.settled_at, store->zone()), r.settled_batch.value_or(0));
      else if (r.state == "dropped")
        std::cout << fmt::format("    dropped by {} at {}: {}\n", terminal_safe(r.settled_by),
                                 report::local_moment(r.settled_at, store->zone()), terminal_safe(r.note));
      else if (!r.retryable)
        std::cout << "    (kept without its fields: it cannot be retried; import its file again, or drop it)\n";
    }
    if (total > int64_t(rows.size())) std::cout << fmt::format("… {} of {} shown (--limit)\n", rows.size(), total);
  });

  auto* retry = cmd->add_subcommand("retry", "Import held records again (after adding the unit, person or catalog they lacked)");
  add_selection(retry, *o, false);
  retry->add_option("--by", o->by, "who retries (recorded with the account)");
  retry->callback([o, &exit_status] {
    require_selection(*o, "retry");
    auto store = Store::open(o->db);
    auto r = retry_quarantine(*store, filter_of(*o), settled_by(o->by));
    if (r.outcomes.empty()) {
      std::cout << "no held record matches: nothing retried\n";
      exit_status = kExitProblems;
      return;
    }
    for (auto& x : r.outcomes)
      if (!x.imported)
        std::cout << fmt::format("#{}: still held: {}{}\n", x.id, terminal_safe(x.reason), x.code.empty() ? "" : " [" + x.code + "]");
    std::cout << fmt::format("{} imported{}, {} still held", r.imported, r.batch ? fmt::format(" (batch {})", *r.batch) : "",
                             r.still_held + r.not_retryable)
              << (r.not_retryable ? fmt::format(" ({} cannot be retried)", r.not_retryable) : "") << "\n";
    if (r.still_held + r.not_retryable) exit_status = kExitProblems;
  });

  auto* drop = cmd->add_subcommand("drop", "Settle held records as not to be imported, with who and why (the rows stay)");
  add_selection(drop, *o, false);
  drop->add_option("--reason", o->reason, "why they are dropped (kept with each)")->required();
  drop->add_option("--by", o->by, "who drops them (recorded with the account)");
  drop->callback([o, &exit_status] {
    require_selection(*o, "drop");
    auto store = Store::open(o->db);
    size_t n = drop_quarantine(*store, filter_of(*o), settled_by(o->by), o->reason);
    std::cout << fmt::format("{} record{} dropped (kept in the quarantine as dropped; jiandu quarantine list --settled)\n", n,
                             n == 1 ? "" : "s");
  });
}

}  // namespace jiandu::cli
