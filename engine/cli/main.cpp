// jiandu: the command-line tool.
#include <iostream>

#include <SQLiteCpp/Exception.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/commands.h"

namespace jiandu::cli {
int& exit_code() {
  static int code = kExitOk;
  return code;
}
}  // namespace jiandu::cli

int main(int argc, char** argv) {
  using namespace jiandu::cli;
  CLI::App app{"jiandu (监督): compliance rules for Party and government organs", "jiandu"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "jiandu 0.1.0");
  add_init(app);
  add_import(app);
  add_catalog(app);
  add_status(app);
  add_runs(app);
  add_quarantine(app);
  add_lint(app);
  add_check(app);
  add_graph(app);
  add_test(app);
  add_audit(app);
  add_alerts(app);
  add_trail(app);
  add_actions(app);
  add_verify(app);
  add_report(app);
  add_gen(app);
  add_explain(app);
  add_diff(app);
  add_serve(app);
  add_user(app);
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
  return exit_code();
}
