#pragma once
// The diagnostic codes, one constant per row of base/codes.def: code::E204 and the like. A
// diagnostic is made from a code, so its severity is the table's and a code that is not in
// the table does not compile.
#include <span>
#include <string_view>

namespace jiandu {

enum class Severity { error, warning, note };

struct Code {
  std::string_view id;  // E204
  Severity severity;
  std::string_view meaning;  // the heading of its section in docs/diagnostics.md
};

namespace code {
#define JIANDU_CODE(id_, severity_, meaning_) inline constexpr Code id_{#id_, Severity::severity_, meaning_};
#include "base/codes.def"
#undef JIANDU_CODE
}  // namespace code

// Every row of the table, in its order.
std::span<const Code> all_codes();

}  // namespace jiandu
