// What people do to an alert: ack, resolve, verify-alert, waive, reopen, statement — each
// through the authority policy — and evidence, which lists and extracts what was attached.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "ledger/actions.h"
#include "ledger/alert_rows.h"
#include "ledger/evidence.h"

namespace jiandu::cli {

namespace {

struct Opts {
  std::string db, alert, by, note, rules;
  std::vector<std::string> events, files;
  bool fail = false;
};

void add_one(CLI::App& app, int& exit_status, const char* name, const char* help, ledger::Act act, const char* note_flag,
             const char* note_help) {
  auto* cmd = app.add_subcommand(name, help);
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("ALERT", o->alert, "the alert id")->required();
  cmd->add_option("--by", o->by, "the person acting (a person id in the store)")->required();
  cmd->add_option(note_flag, o->note, note_help);
  cmd->add_option("--rules", o->rules, "the rule set whose policy/authority.yaml and roles.yaml apply (default: built in)");
  if (act == ledger::Act::resolve || act == ledger::Act::statement || act == ledger::Act::fail || act == ledger::Act::verify) {
    cmd->add_option("--evidence", o->events, "a record in the store that shows it (repeatable)");
    cmd->add_option("--file", o->files, "a file that shows it, kept in the store (repeatable)");
  }
  if (act == ledger::Act::verify) cmd->add_flag("--fail", o->fail, "the verification failed: back to in progress (needs --note)");
  cmd->callback([o, act, &exit_status] {
    auto policy = authority_for(o->rules);
    auto store = Store::open(o->db);
    auto orgs = org::OrgGraph::load(*store);
    ledger::ActionRequest r{o->alert, act == ledger::Act::verify && o->fail ? ledger::Act::fail : act, o->by, o->note, o->events, o->files,
                            {}};
    try {
      auto res = ledger::act(*store, orgs, policy, r, today_in(*store));
      std::cout << fmt::format("{}: {}（{}）, allowed by {}\n", o->alert, ledger::status_label(res.to), ledger::status_name(res.to),
                               res.allowed_by);
    } catch (const ledger::Refused& e) {
      std::cerr << "jiandu: " << terminal_safe(e.what()) << "\n";
      exit_status = kExitProblems;
    }
  });
}

}  // namespace

void add_actions(CLI::App& app, int& exit_status) {
  using ledger::Act;
  add_one(app, exit_status, "ack", "Acknowledge an alert: rectification under way (明责确认, 履责)", Act::ack, "--note",
          "what is being done");
  add_one(app, exit_status, "resolve", "Report an alert rectified, with a note and evidence, to be verified (整改完成, 尽责)", Act::resolve,
          "--note", "what was done (required)");
  add_one(app, exit_status, "verify-alert", "Verify a rectified alert (验收), or --fail it back to in progress", Act::verify, "--note",
          "the verification's finding (required with --fail)");
  add_one(app, exit_status, "waive", "Waive an alert (豁免): a discipline body above the unit, with the reason", Act::waive, "--reason",
          "why (required)");
  add_one(app, exit_status, "reopen", "Send a closed alert back (重新交办): the rectification was not real", Act::reopen, "--reason",
          "why (required)");
  add_one(app, exit_status, "statement", "Add a statement to an alert's trail (情况说明), without changing its state", Act::statement,
          "--note", "the statement (required)");

  auto* cmd = app.add_subcommand("evidence", "List the evidence attached to an alert's trail, and extract its files");
  auto o = std::make_shared<Opts>();
  auto out_dir = std::make_shared<std::string>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("ALERT", o->alert, "the alert id")->required();
  cmd->add_option("--out", *out_dir, "write the files into this folder (each checked against its SHA-256)");
  cmd->callback([o, out_dir, &exit_status] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    if (!ledger::alert_exists(*store, o->alert)) throw Error("no alert " + o->alert + " (jiandu alerts lists them)");
    auto items = ledger::evidence_of(store->db(), o->alert);
    if (items.empty()) std::cout << "no evidence on the trail of " << o->alert << "\n";
    bool altered = false;
    for (auto& x : items) {
      if (x.kind == "event") {
        std::cout << fmt::format("#{:<5} {}  record {}\n", x.entry, x.at, terminal_safe(x.id));
        continue;
      }
      altered |= !x.intact;
      std::cout << fmt::format("#{:<5} {}  file {} ({} bytes, sha256 {}){}\n", x.entry, x.at, terminal_safe(x.id), x.bytes, x.sha256,
                               x.intact ? "" : "  ALTERED: the stored content no longer has this hash");
      if (!out_dir->empty() && x.intact) {
        std::filesystem::create_directories(*out_dir);
        // The name as attached, kept to its last component: a stored name never leaves the folder.
        std::string name = x.sha256.substr(0, 12) + "-" + std::filesystem::path(x.id).filename().string();
        auto content = ledger::evidence_content(store->db(), x.sha256);
        std::ofstream f(std::filesystem::path(*out_dir) / name, std::ios::binary);
        f << *content;
        if (!f) throw Error(*out_dir + "/" + name + ": cannot write");
      }
    }
    if (altered) exit_status = kExitProblems;
  });
}

}  // namespace jiandu::cli
