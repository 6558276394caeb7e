// jiandu import --db DB FILE...: records into the store, bad ones quarantined.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "base/utf8.h"
#include "base/error.h"
#include "cli/cli_common.h"
#include "cli/commands.h"
#include "store/import.h"

namespace jiandu::cli {

namespace {

void print_report(const ImportReport& r, bool strict) {
  // Under --strict a bad record rolls everything back: what would have been added was not.
  bool rolled_back = strict && !r.committed;
  for (auto& [kind, c] : r.counts) {
    std::string line = fmt::format("{:<7} {:>7} {}  {:>7} unchanged  {:>5} rejected", kind_name(kind), c.added,
                                   rolled_back ? "valid, not added" : "added", c.unchanged, c.rejected);
    if (c.closed) line += fmt::format("  {} closed", c.closed);
    std::cout << line << "\n";
  }
  const size_t shown = 50;
  for (size_t i = 0; i < r.rejections.size() && i < shown; ++i) {
    auto& rj = r.rejections[i];
    std::cout << fmt::format("{}:{}: {} [{}]\n", terminal_safe(rj.file), rj.line, terminal_safe(rj.reason), rj.code);
  }
  if (r.rejections.size() > shown)
    std::cout << fmt::format("… and {} more rejected records (jiandu quarantine list shows them)\n", r.rejections.size() - shown);
  if (!r.reasons.empty()) {
    std::string by;
    for (auto& [code, n] : r.reasons) by += fmt::format("{}{} {}", by.empty() ? "" : ", ", n, code);
    std::cout << "rejected by reason: " << by << "\n";
  }
  for (auto& n : r.notices) std::cout << "notice: " << terminal_safe(n) << "\n";
  if (strict && !r.committed) {
    std::cout << fmt::format("nothing written: --strict and {} bad record(s)\n", r.rejections.size());
    return;
  }
  if (r.already_quarantined)
    std::cout << fmt::format("{} of the rejected records were already in quarantine from an earlier import\n", r.already_quarantined);
  size_t unchanged = 0;
  for (auto& [k, c] : r.counts) unchanged += c.unchanged;
  if (r.added() == 0 && !r.rejections.empty() && unchanged == 0)
    std::cout << fmt::format("batch {}: 0 new records: {} rejected (jiandu quarantine list shows {})\n", *r.batch,
                             r.rejections.size() == 1 ? "the one record was" : fmt::format("all {} records were", r.rejections.size()),
                             r.rejections.size() == 1 ? "it" : "them");
  else if (r.added() == 0 && !r.rejections.empty())
    std::cout << fmt::format("batch {}: 0 new records ({} rejected, {} already in the store)\n", *r.batch, r.rejections.size(), unchanged);
  else if (r.added() == 0)
    std::cout << fmt::format("batch {}: 0 new records (everything was already in the store)\n", *r.batch);
  else
    std::cout << fmt::format("batch {}: {} new records\n", *r.batch, r.added());
}

}  // namespace

void add_import(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("import", "Import org units, people, roles and events (CSV or JSONL)");
  struct Opts {
    std::string db, kind, catalog;
    std::vector<std::string> files;
    bool strict = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("FILE", o->files, "files of records: orgs, people, roles, events (.csv or .jsonl)")->required();
  cmd->add_option("--kind", o->kind, "the kind of records in every FILE (else from each file's name or header)")
      ->check(CLI::IsMember({"orgs", "people", "roles", "events"}));
  cmd->add_option("--catalog", o->catalog,
                  "the deployment's event catalog: kept by the store with this batch when it has none; else it must be the one kept");
  cmd->add_flag("--strict", o->strict, "refuse the whole batch when any record is bad");
  cmd->callback([o, &exit_status] {
    auto store = Store::open(o->db);
    ImportOptions opts;
    if (!o->catalog.empty()) {
      switch (store->compare_catalog(o->catalog)) {
        case Store::CatalogMatch::same: break;
        case Store::CatalogMatch::none:  // the store's first catalog, kept with this batch
          store->use_catalog(load_catalog(o->catalog));
          opts.before_commit = [store = store.get(), file = o->catalog] { store->accept_catalog(file, "import"); };
          break;
        case Store::CatalogMatch::differs: throw Error(accept_catalog_hint(*store, o->catalog));
      }
    }
    if (!o->kind.empty()) opts.kind = kind_from(o->kind);
    opts.strict = o->strict;
    if (isatty(STDERR_FILENO))
      opts.progress = [](const std::string& file, size_t done, size_t total) {
        std::cerr << fmt::format("\rimporting {}: {:3}%", file, total ? done * 100 / total : 100) << (done >= total ? "\n" : "")
                  << std::flush;
      };
    auto report = import_files(*store, o->files, opts);
    print_report(report, o->strict);
    if (!report.rejections.empty()) exit_status = kExitProblems;
  });
}

}  // namespace jiandu::cli
