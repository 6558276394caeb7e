// libFuzzer: one expression, as a match rule's `when`, parsed (Spirit X3), type-checked and
// expanded; when it checks, evaluated over a few events. Diagnostics are expected; a crash,
// a hang or undefined behaviour is a bug.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "base/date.h"
#include "base/error.h"
#include "check/checker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiandu;
  static const Catalog catalog = Catalog::builtin();
  std::string expr(reinterpret_cast<const char*>(data), size);
  // A block scalar holds any text: every line indented under `when: |-`.
  std::ostringstream rule;
  rule << "rules:\n  - id: f.expr\n    title: 测试\n    basis: 测试\n    severity: low\n    effective: {from: 2025-01-01}\n"
          "    owner: branch_secretary\n    kind: match\n    when: |-\n";
  std::istringstream lines(expr);
  for (std::string line; std::getline(lines, line);) rule << "      " << line << "\n";
  auto src = std::make_shared<const Source>("fuzz.yaml", rule.str());
  Diagnostics diags;
  try {
    check::check_rules({src}, catalog, {*Date::parse("2026-11-26")}, diags);
    (void)render_all(diags);
  } catch (const Error&) {
  }
  return 0;
}
