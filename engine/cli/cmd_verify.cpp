// jiandu verify: the trail's hash chain recomputed, checked against the anchor file outside
// the store, and every evidence file against its SHA-256.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ledger/anchor.h"
#include "ledger/evidence.h"
#include "ledger/trail.h"

namespace jiandu::cli {

void add_verify(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("verify", "Recompute the trail's hash chain, check it against the anchor file and the evidence files");
  struct Opts {
    std::string db, anchor;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--anchor", o->anchor, "the anchor file (default: the store's, STORE.anchor beside it)");
  cmd->callback([o, &exit_status] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    auto r = ledger::verify_chain(store->db());
    bool ok = true;
    if (!r.first_bad) {
      std::cout << fmt::format("trail intact: {} entries, hash chain verified\n", r.entries);
    } else {
      ok = false;
      std::cout << fmt::format("trail ALTERED: entry {} (alert {}): {}\n", *r.first_bad, r.alert, r.why);
      if (r.bad.size() > 1)
        std::cout << fmt::format("  {} entries in all do not verify, in {} alerts\n", r.bad.size(), r.bad_alerts.size());
    }
    auto a = ledger::check_anchor(*store, o->anchor);
    if (!a.exists) {
      // A store with a trail has an anchor: every audit and action appends to it. Its absence
      // is what removing it to hide an edit would look like.
      std::cout << "anchor: no anchor file at " << a.path
                << (r.entries ? ": the trail's head cannot be checked outside the store (deleted, or the store moved without it; "
                                "the next audit or action starts a new one)"
                              : "")
                << "\n";
      if (!o->anchor.empty() || r.entries > 0) ok = false;
    } else if (a.problem) {
      ok = false;
      std::cout << "anchor DISAGREES: " << *a.problem << "\n";
    } else {
      std::cout << fmt::format("anchor agrees: {} heads in {}, the last at entry {}\n", a.lines, a.path, a.last_id);
    }
    auto altered = ledger::altered_evidence(store->db());
    for (auto& sha : altered) std::cout << "evidence ALTERED: the stored file " << sha << " no longer has its SHA-256\n";
    if (!altered.empty()) ok = false;
    if (!ok) exit_status = kExitProblems;
  });
}

}  // namespace jiandu::cli
