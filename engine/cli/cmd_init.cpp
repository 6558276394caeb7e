// jiandu init DB: a new, empty store.
#include <iostream>

#include "cli/commands.h"
#include "store/store.h"

namespace jiandu::cli {

void add_init(CLI::App& app, int& /*exit_status: nothing it finds is a problem*/) {
  auto* cmd = app.add_subcommand("init", "Create a new, empty store");
  struct Opts {
    std::string db, zone = Store::kDefaultZone, catalog;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("DB", o->db, "the store file to create")->required();
  cmd->add_option("--zone", o->zone, "the store's time zone (IANA name or ±HH:MM)")->capture_default_str();
  cmd->add_option("--catalog", o->catalog, "a deployment's event catalog (YAML) extending the built-in one");
  cmd->callback([o] {
    std::optional<std::string> cat;
    if (!o->catalog.empty()) cat = o->catalog;
    Store::create(o->db, o->zone, cat);
    std::cout << "created " << o->db << " (schema version " << Store::kVersion << ", zone " << o->zone << ")\n";
  });
}

}  // namespace jiandu::cli
