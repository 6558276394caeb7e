// Lint golden cases: tests/lint/cases/*.yaml. Each is a rule file whose expected
// diagnostics (exact file:line:col, caret and code) follow "# expect:". The date is fixed at
// 2026-11-26 so that "effective.to has passed" does not drift.
#include "base/diagnostic.h"
#include "check/checker.h"
#include "support/golden.h"

namespace {

std::string lint(const std::string& text, const std::string& name) {
  using namespace jiandu;
  Diagnostics diags;
  auto src = std::make_shared<const Source>(name, text);
  auto set = check::check_rules({src}, Catalog::builtin(), {*Date::parse("2026-11-26")}, diags);
  diags.sort();
  return render_all(diags) + std::to_string(set->rules.size()) + " rules without errors\n";
}

const int registered = jiandu::test::register_golden("tests/lint/cases", ".yaml", "lint", "[lint][golden]", lint);

}  // namespace
