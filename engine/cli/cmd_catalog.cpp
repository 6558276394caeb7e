// jiandu catalog list|show|accept: the deployment event catalog the store keeps, by version.
#include <iostream>

#include <fmt/format.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "store/store.h"

namespace jiandu::cli {

void add_catalog(CLI::App& app, int& /*exit_status: nothing it finds is a problem*/) {
  auto* cmd = app.add_subcommand("catalog", "The deployment's event catalog the store keeps: list, show, accept a new version");
  cmd->require_subcommand(1);
  struct Opts {
    std::string db, file, note;
    int64_t version = 0;
  };
  auto o = std::make_shared<Opts>();

  auto* list = cmd->add_subcommand("list", "The catalog versions the store has kept (the newest is in use)");
  list->add_option("--db", o->db, "the store")->required();
  list->callback([o] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    auto all = store->catalog_versions();
    if (all.empty()) {
      std::cout << "the built-in event catalog only (no deployment catalog kept)\n";
      return;
    }
    for (auto& c : all)
      std::cout << fmt::format("{}version {}  {}  {}  sha256 {}{}\n", &c == &all.back() ? "* " : "  ", c.version, c.added,
                               terminal_safe(c.name), c.sha256.substr(0, 16), c.note.empty() ? "" : "  " + terminal_safe(c.note));
  });

  auto* show = cmd->add_subcommand("show", "Print a kept catalog's text (default: the one in use)");
  show->add_option("--db", o->db, "the store")->required();
  show->add_option("--version", o->version, "this version");
  show->callback([o] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    for (auto& c : store->catalog_versions())
      if (o->version == 0 ? c.version == store->current_catalog()->version : c.version == o->version) {
        std::cout << terminal_safe_lines(c.text);
        return;
      }
    throw Error(o->version ? "--version " + std::to_string(o->version) + ": the store kept no such catalog version"
                           : "the store keeps no deployment catalog (the built-in one is schemas/events.yaml)");
  });

  auto* accept =
      cmd->add_subcommand("accept", "Keep FILE as the store's next catalog version, after checking every stored event against it");
  accept->add_option("--db", o->db, "the store")->required();
  accept->add_option("FILE", o->file, "the catalog (YAML)")->required();
  accept->add_option("--note", o->note, "why (kept with the version)");
  accept->callback([o] {
    auto store = Store::open(o->db);
    if (store->compare_catalog(o->file) == Store::CatalogMatch::same) {
      std::cout << "unchanged: " << o->file << " is the catalog the store keeps (version " << store->current_catalog()->version << ")\n";
      return;
    }
    int64_t v = store->accept_catalog(o->file, o->note);
    std::cout << "catalog version " << v << " kept (" << o->file << "); the next audit reads every event again\n";
  });
}

}  // namespace jiandu::cli
