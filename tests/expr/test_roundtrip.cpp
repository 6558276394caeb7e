// Every expression in rules/ and in the tests prints to a text that parses back to the same
// tree (and prints the same again): the printer and the parser agree.
#include <filesystem>

#include <catch2/catch.hpp>

#include "expr/parser.h"
#include "load/loader.h"
#include "support/city.h"

using namespace jiandu;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> expressions_in(const load::RuleFile& f) {
  std::vector<std::string> out;
  auto add = [&](const std::optional<load::Expr>& e) {
    if (e && e->text) out.push_back(e->text->text);
  };
  for (auto& m : f.macros) add(m.body);
  for (auto& r : f.rules) {
    for (auto* e : {&r.when, &r.on, &r.expect, &r.scope, &r.sum}) add(*e);
    for (auto& s : r.steps) add(s.when);
    for (auto& l : r.links) {
      add(l.in);
      add(l.expect);
    }
    if (r.message) {  // the placeholders of the message
      const std::string& m = r.message->value;
      for (size_t i = m.find('{'); i != std::string::npos; i = m.find('{', i + 1)) {
        if (i + 1 < m.size() && m[i + 1] == '{') {
          ++i;
          continue;
        }
        size_t close = m.find('}', i);
        if (close == std::string::npos) break;
        out.push_back(m.substr(i + 1, close - i - 1));
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("expressions: print then parse is the identity over rules/ and the tests", "[expr][roundtrip]") {
  size_t checked = 0;
  for (auto dir : {"rules", "tests/kinds", "tests/lint/cases"}) {
    for (auto& e : fs::recursive_directory_iterator(test::source_path(dir))) {
      auto p = e.path();
      if (p.extension() != ".yaml" || p.string().find(".test.") != std::string::npos) continue;
      if (p.parent_path().filename() == "calendars" || p.parent_path().filename() == "policy") continue;
      Diagnostics d;
      auto file = load::load_rule_file(Source::read_file(p.string()), d);
      for (auto& text : expressions_in(file)) {
        auto first = expr::parse(text);
        if (!first.errors.empty()) continue;  // the lint cases hold deliberate syntax errors
        auto printed = expr::print(*first.root);
        auto second = expr::parse(printed);
        INFO(p.string() << "\n  " << text << "\n  printed: " << printed);
        REQUIRE(second.errors.empty());
        CHECK(expr::dump(*second.root) == expr::dump(*first.root));
        CHECK(expr::print(*second.root) == printed);
        ++checked;
      }
    }
  }
  CHECK(checked > 200);
}
