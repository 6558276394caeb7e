// jiandu: the command-line tool.
#include <iostream>

#include <SQLiteCpp/Exception.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace jiandu::cli;
  CLI::App app{"jiandu (监督): compliance rules for Party and government organs", "jiandu"};
  app.require_subcommand(1);
  int exit_status = kExitOk;  // what the subcommand that ran found
  app.set_version_flag("--version", "jiandu 0.1.0");
  add_init(app, exit_status);
  add_import(app, exit_status);
  add_catalog(app, exit_status);
  add_status(app, exit_status);
  add_runs(app, exit_status);
  add_quarantine(app, exit_status);
  add_lint(app, exit_status);
  add_calendar(app, exit_status);
  add_check(app, exit_status);
  add_graph(app, exit_status);
  add_test(app, exit_status);
  add_audit(app, exit_status);
  add_alerts(app, exit_status);
  add_trail(app, exit_status);
  add_actions(app, exit_status);
  add_verify(app, exit_status);
  add_report(app, exit_status);
  add_gen(app, exit_status);
  add_explain(app, exit_status);
  add_diff(app, exit_status);
  add_serve(app, exit_status);
  add_user(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RequiredError& e) {
    // An unknown argument is the user's mistake to hear of first: `check --bogus` is not
    // "--rules is required".
    for (CLI::App* sub = &app; sub;) {
      auto extra = sub->remaining(false);
      if (!extra.empty() && sub == &app) {
        std::cerr << "jiandu: unknown command " << jiandu::terminal_safe(extra.front()) << " (jiandu --help lists them)\n";
        return kExitFault;
      }
      if (!extra.empty()) {
        std::cerr << "jiandu " << sub->get_name() << ": unknown argument " << jiandu::terminal_safe(extra.front()) << " (jiandu "
                  << sub->get_name() << " --help lists them)\n";
        return kExitFault;
      }
      auto next = sub->get_subcommands();
      sub = next.empty() ? nullptr : next.front();
    }
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFault;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFault;
  } catch (const jiandu::Error& e) {
    // Messages quote what was given (an id, a path, a line of a file): never as terminal controls.
    std::cerr << "jiandu: error: " << jiandu::terminal_safe_lines(e.what()) << "\n";
    return kExitFault;
  } catch (const SQLite::Exception& e) {
    std::cerr << "jiandu: store error: " << jiandu::terminal_safe(e.what()) << "\n";
    return kExitFault;
  } catch (const std::bad_alloc&) {
    std::cerr << "jiandu: error: out of memory (an input larger than this machine can hold?)\n";
    return kExitFault;
  } catch (const std::exception& e) {  // a calendar that runs out, a file system fault …
    std::cerr << "jiandu: error: " << jiandu::terminal_safe_lines(e.what()) << "\n";
    return kExitFault;
  }
  return exit_status;
}
