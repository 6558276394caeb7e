#pragma once
// Each subcommand registers itself on the app; cli/ is the only place that knows about
// argv and exit codes. Exit codes: 0 ok; 1 the input has problems (rejected records, lint
// errors, findings under --fail-on); 2 a usage error or a fault that stopped the run;
// 3 the run finished but could not judge some obligation (whatever --fail-on says).
#include <CLI/CLI.hpp>

namespace jiandu::cli {

inline constexpr int kExitOk = 0, kExitProblems = 1, kExitFault = 2, kExitUnjudged = 3;

// Each subcommand sets `exit_status` (main's, returned from it) when its run found problems.
void add_init(CLI::App& app, int& exit_status);
void add_import(CLI::App& app, int& exit_status);
void add_status(CLI::App& app, int& exit_status);
void add_lint(CLI::App& app, int& exit_status);
void add_check(CLI::App& app, int& exit_status);
void add_graph(CLI::App& app, int& exit_status);
void add_test(CLI::App& app, int& exit_status);
void add_audit(CLI::App& app, int& exit_status);
void add_alerts(CLI::App& app, int& exit_status);
void add_trail(CLI::App& app, int& exit_status);
void add_actions(CLI::App& app, int& exit_status);
void add_verify(CLI::App& app, int& exit_status);
void add_report(CLI::App& app, int& exit_status);
void add_gen(CLI::App& app, int& exit_status);
void add_explain(CLI::App& app, int& exit_status);
void add_diff(CLI::App& app, int& exit_status);
void add_serve(CLI::App& app, int& exit_status);
void add_user(CLI::App& app, int& exit_status);
void add_catalog(CLI::App& app, int& exit_status);
void add_runs(CLI::App& app, int& exit_status);
void add_quarantine(CLI::App& app, int& exit_status);
void add_calendar(CLI::App& app, int& exit_status);

}  // namespace jiandu::cli
