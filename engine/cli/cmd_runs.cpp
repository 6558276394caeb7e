// jiandu runs --db DB: the audit history, newest first — every run that committed and every
// one that failed, with how it read the events and what it found.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "cli/commands.h"
#include "ledger/runs.h"
#include "report/local_time.h"

namespace jiandu::cli {

namespace {

// A failure's first line, and when it only introduces a list ("the rules have errors …:"),
// the list's first entry too; "…" when more was said (the jsonl form keeps it all).
std::string headline(const std::string& reason) {
  size_t end = reason.find('\n');
  std::string line = reason.substr(0, end);
  if (end != std::string::npos && !line.empty() && line.back() == ':') {
    size_t next = reason.find('\n', end + 1);
    line += " " + reason.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1);
    end = next;
  }
  if (end != std::string::npos && reason.find_first_not_of(" \n", end) != std::string::npos) line += " …";
  return line;
}

}  // namespace

void add_runs(CLI::App& app, int& /*exit_status: nothing it finds is a problem*/) {
  auto* cmd = app.add_subcommand("runs", "List the audit history: every run that committed or failed, newest first");
  struct Opts {
    std::string db, format = "table";
    size_t limit = 30;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--limit", o->limit, "how many runs (default 30)")->check(CLI::Range(size_t(1), size_t(100000)));
  cmd->add_option("--format", o->format, "table, or jsonl")->check(CLI::IsMember({"table", "jsonl"}));
  cmd->callback([o] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    auto runs = ledger::run_history(*store, o->limit);
    if (o->format == "jsonl") {
      for (auto& r : runs) {
        nlohmann::json j = {{"result", r.failed ? "failed" : r.faults ? "unjudged" : "judged"}, {"as_of", r.as_of}};
        if (r.failed) {
          j["at"] = r.started;
          j["reason"] = r.reason;
        } else {
          j.update({{"run", r.id},
                    {"started", r.started},
                    {"finished", r.finished},
                    {"findings", r.findings},
                    {"opened", r.opened},
                    {"trail_entries", r.changed},
                    {"faults", r.faults},
                    {"read", r.read},
                    {"events_read", r.events_read ? nlohmann::json(*r.events_read) : nlohmann::json(nullptr)},
                    {"chain", r.chain.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.chain)}});
        }
        std::cout << j.dump() << "\n";
      }
      return;
    }
    if (runs.empty()) {
      std::cout << "no audit has run on this store yet\n";
      return;
    }
    auto& zone = store->zone();
    std::cout << fmt::format("{:<6} {:<10}  {:<16}  {:<9} {:>8} {:>6} {:>7} {:>6}  {}\n", "run", "as of", "finished", "result", "findings",
                             "opened", "entries", "faults", "read");
    for (auto& r : runs) {
      std::string at = report::local_moment_bare(r.finished.empty() ? r.started : r.finished, zone);
      if (r.failed) {
        std::cout << fmt::format("{:<6} {:<10}  {:<16}  {:<9} {}\n", "-", r.as_of, at, "failed", terminal_safe(headline(r.reason)));
        continue;
      }
      std::string read = r.read.empty() ? "" : r.read;
      if (r.events_read) read = fmt::format("{} events{}", *r.events_read, read.empty() ? "" : ", " + read);
      std::cout << fmt::format("#{:<5} {:<10}  {:<16}  {:<9} {:>8} {:>6} {:>7} {:>6}  {}\n", r.id, r.as_of, at,
                               r.faults ? "unjudged" : "judged", r.findings, r.opened, r.changed, r.faults, terminal_safe(read));
      if (!r.chain.empty()) std::cout << "       the trail did not verify as it began: " << terminal_safe(r.chain) << "\n";
    }
    std::cout << "times: " << report::zone_label(zone) << "\n";
  });
}

}  // namespace jiandu::cli
