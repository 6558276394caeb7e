// libFuzzer: a rule file, whole — YAML, sections, every kind's fields, expressions, macros —
// through the checker as `jiandu lint` reads it. Diagnostics are expected; a crash, a hang,
// an allocation past the limit or any exception other than jiandu::Error is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/date.h"
#include "base/error.h"
#include "check/checker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiandu;
  static const Catalog catalog = Catalog::builtin();
  auto src = std::make_shared<const Source>("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diags;
  try {
    check::check_rules({src}, catalog, {*Date::parse("2026-11-26")}, diags);
    (void)render_all(diags);
  } catch (const Error&) {
  }
  return 0;
}
