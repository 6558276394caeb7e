// jiandu lint PATH...: check rule files; every diagnostic with file:line:col and a caret.
#include <iostream>

#include <filesystem>

#include "base/calendar.h"
#include "base/vocabulary.h"
#include "ledger/authority.h"
#include "ledger/policy.h"
#include "check/checker.h"
#include "cli/cli_common.h"
#include "cli/commands.h"

namespace jiandu::cli {

void add_lint(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("lint", "Check rule files: shapes, names, types, and static warnings");
  struct Opts {
    std::vector<std::string> paths;
    std::string format = "text", today, catalog, db;
    bool werror = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("PATH", o->paths, "rule files or folders (searched recursively)")->required();
  cmd->add_option("--format", o->format, "text, or json (one object a line, for editors)")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--werror", o->werror, "treat warnings as errors");
  cmd->add_option("--today", o->today, "the date to judge effective.to against (default: today)")->check(date_validator());
  cmd->add_option("--catalog", o->catalog, "an event catalog extending the built-in one");
  cmd->add_option("--db", o->db, "check against the event catalog this store uses");
  cmd->callback([o, &exit_status] {
    Catalog catalog = catalog_for(o->catalog, o->db);
    auto paths = check::discover(o->paths);
    Diagnostics policy_diags;
    {  // The rule set's vocabulary first: rules and policies are held to it.
      Vocabulary v = Vocabulary::builtin(), own;
      for (auto& f : paths.policies)
        if (std::filesystem::path(f).filename() == "roles.yaml") own.load(Source::read_file(f), policy_diags);
      v.overlay(own);
      use_vocabulary(std::move(v));
    }
    std::vector<SourcePtr> sources;
    for (auto& f : paths.rules) sources.push_back(Source::read_file(f));
    Diagnostics diags;
    auto set = check::check_rules(sources, catalog, {today_or(o->today), &vocabulary()}, diags);
    diags.append(policy_diags);
    for (auto& f : paths.policies)
      if (std::filesystem::path(f).filename() == "authority.yaml") {
        ledger::Authority a;
        a.load(Source::read_file(f), diags);
      }
    ledger::read_policy(paths.policies, diags);  // accountability.yaml, four_forms.yaml
    // The rule set's own calendar files are checked too, over the built-in ones.
    Calendar cal = Calendar::builtin(), own;
    for (auto& f : paths.calendars) own.load(Source::read_file(f), diags);
    cal.overlay(own);
    diags.sort();
    if (o->format == "json") {
      std::cout << render_json(diags);
    } else {
      std::cout << render_all(diags);
      size_t e = diags.count(Severity::error), w = diags.count(Severity::warning);
      std::cout << sources.size() << " file" << (sources.size() == 1 ? "" : "s") << ", " << set->rules.size() << " rule"
                << (set->rules.size() == 1 ? "" : "s") << " without errors; " << e << " error" << (e == 1 ? "" : "s") << ", " << w
                << " warning" << (w == 1 ? "" : "s") << "\n";
    }
    if (auto n = year_end_notice(cal, today_or(o->today)); !n.empty()) std::cerr << n << "\n";
    bool fail = diags.has_errors() || (o->werror && diags.count(Severity::warning) > 0);
    exit_status = fail ? kExitProblems : kExitOk;
  });
}

}  // namespace jiandu::cli
