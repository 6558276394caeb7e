// Golden cases of the lowered form: tests/expr/lowered/*.expr. Each holds an expression over
// the roots a deadline's `expect` sees (event, org, person, trigger, period), then, after
// "# expect:", the canonical print of the checked tree and the program it lowers to. What a
// case pins: which constants fold (and which must not: an overflow, a division by zero),
// how null tests, string sets and attribute reads are lowered.
#include <catch2/catch.hpp>

#include "check/rules.h"
#include "expr/check.h"
#include "expr/lower.h"
#include "support/golden.h"

namespace {

using namespace jiandu;

std::string lowered(const std::string& input, const std::string&) {
  std::string text;
  for (size_t at = 0; at < input.size();) {  // the case's own comment lines are not the expression
    size_t nl = input.find('\n', at);
    std::string line = input.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? input.size() : nl + 1;
    if (line.rfind("#", 0) != 0) text += line + "\n";
  }
  Diagnostics d;
  expr::Symbols symbols;
  static const Catalog catalog = Catalog::builtin();
  expr::Checker c(catalog, symbols, d);
  auto root = [](const char* name, expr::T t, int slot) { return expr::Root{name, t, slot, {}, false}; };
  std::vector<expr::Root> roots{root("event", expr::T::event, check::kEvent), root("org", expr::T::org, check::kOrg),
                                root("person", expr::T::person, check::kPerson), root("trigger", expr::T::event, check::kTrigger),
                                root("period", expr::T::period, check::kPeriod)};
  roots[0].narrow_by_self = true;
  auto n = c.check(ScalarText::detached(text), roots, expr::Want::any);
  if (!n) return "error: " + (d.items().empty() ? std::string("?") : d.items()[0].message) + "\n";
  return "tree: " + expr::print(*n) + "\n" + expr::print(*expr::lower(*n));
}

const int registered = test::register_golden("tests/expr/lowered", ".expr", "lowered", "[expr][lower][golden]", lowered);

}  // namespace
