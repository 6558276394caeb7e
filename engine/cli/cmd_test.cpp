// jiandu test PATH: run the rule tests (*.test.yaml) found beside the rules.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "base/error.h"
#include "check/outcome.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/session.h"
#include "cli/commands.h"
#include "ruletest/rule_test.h"

namespace jiandu::cli {

void add_test(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("test", "Run the rule tests (*.test.yaml) beside the rules");
  struct Opts {
    std::vector<std::string> paths;
    std::string catalog, filter, calendars;
    bool coverage = false, verbose = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("PATH", o->paths, "rule folders or files; their tests are found beside them")->required();
  cmd->add_flag("--coverage", o->coverage, "list the rules, and the outcomes of each, that no test exercises (and fail if any)");
  cmd->add_option("--name", o->filter, "only the cases whose name contains this text");
  cmd->add_option("--catalog", o->catalog, "an event catalog extending the built-in one");
  add_calendars_option(cmd, o->calendars);
  cmd->add_flag("-v,--verbose", o->verbose, "print every case, not just the failures");
  cmd->callback([o, &exit_status] {
    // A test file named alone runs against its rule set: the folder above it that holds the
    // calendars (rules read each other's findings across folders), else its own folder.
    namespace fs = std::filesystem;
    std::vector<std::string> paths = o->paths;
    for (auto& p : o->paths) {
      if (p.find(".test.y") == std::string::npos) continue;
      paths.push_back(rule_set_root(p).value_or(fs::absolute(p).parent_path().string()));
    }
    Session session({paths, o->catalog, o->calendars, today_or("")});
    auto tests = session.paths().tests;
    {  // … but only the tests it names
      std::vector<std::string> named;
      for (auto& p : o->paths)
        if (p.find(".test.y") != std::string::npos) named.push_back(fs::weakly_canonical(p).string());
      if (!named.empty()) {
        // The copy found under the rule set's folder, once (its path matches the rules').
        std::vector<std::string> keep;
        std::set<std::string> seen;
        for (auto& t : tests) {
          auto c = fs::weakly_canonical(t).string();
          if (fs::path(t).is_absolute() && std::find(named.begin(), named.end(), c) != named.end() && seen.insert(c).second)
            keep.push_back(t);
        }
        tests = keep;
      }
    }
    size_t passed = 0, failed = 0;
    std::set<std::pair<std::string, std::string>> covered;
    std::set<std::string> tested, quiet;
    Diagnostics diags;
    for (auto& path : tests) {
      auto file = ruletest::load_test_file(Source::read_file(path), diags);
      for (auto& c : file.cases) {
        if (!o->filter.empty() && c.name.find(o->filter) == std::string::npos) continue;
        auto r = ruletest::run_case(file, c, session.rules(), session.catalog(), session.calendar());
        covered.insert(r.outcomes.begin(), r.outcomes.end());
        tested.insert(r.rules_run.begin(), r.rules_run.end());
        quiet.insert(r.rules_quiet.begin(), r.rules_quiet.end());
        if (r.passed) {
          ++passed;
          if (o->verbose) std::cout << "ok    " << path << ": " << c.name << "\n";
        } else {
          ++failed;
          std::cout << "FAIL  " << path << ": " << c.name << "\n" << r.report;
        }
      }
    }
    if (!diags.empty()) std::cout << render_all(diags);
    // A test file with errors has cases that did not run: the count alone would read as a pass.
    std::cout << fmt::format("{} passed, {} failed ({} test files{})\n", passed, failed, tests.size(),
                             diags.has_errors() ? "; errors in them, above: not every case ran" : "");
    bool gaps = false;
    if (o->coverage) {
      std::cout << "coverage:\n";
      for (auto& rule : session.rules().rules) {
        std::vector<std::string> missing;
        if (!tested.count(rule.id)) {
          std::cout << "  " << rule.id << ": no test\n";
          gaps = true;
          continue;
        }
        for (auto out : check::outcomes_of(rule))
          if (!covered.count({rule.id, check::name(out)})) missing.push_back(check::name(out));
        if (!quiet.count(rule.id)) missing.push_back("(no case where it must not fire)");
        if (missing.empty()) continue;
        gaps = true;
        std::string s;
        for (auto& m : missing) s += (s.empty() ? "" : ", ") + m;
        std::cout << "  " << rule.id << ": not exercised: " << s << "\n";
      }
      if (!gaps) std::cout << "  every rule and every outcome is exercised\n";
    }
    exit_status = failed || diags.has_errors() || gaps ? kExitProblems : kExitOk;
  });
}

}  // namespace jiandu::cli
