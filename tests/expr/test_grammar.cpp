// Accept/reject tables for the expression grammar: precedence and associativity as in CEL,
// literals, escapes, and deep nesting.
#include <catch2/catch.hpp>

#include "expr/parser.h"

using namespace jiandu::expr;

namespace {

std::string tree(const std::string& text) {
  auto r = parse(text);
  if (!r.errors.empty()) return "error: " + r.errors[0].message;
  return dump(*r.root);
}

std::string error_at(const std::string& text) {
  auto r = parse(text);
  if (r.errors.empty()) return "ok";
  return std::to_string(r.errors[0].begin) + ": " + r.errors[0].message;
}

}  // namespace

TEST_CASE("grammar: precedence as in CEL", "[expr][grammar]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {"a || b && c", "(|| a (&& b c))"},
      {"a && b || c", "(|| (&& a b) c)"},
      {"a == b && c != d", "(&& (== a b) (!= c d))"},
      {"a + b * c", "(+ a (* b c))"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"a < b + 1", "(< a (+ b 1))"},
      {"!a && b", "(&& (! a) b)"},
      {"-a * b", "(* (- a) b)"},
      {"!a.b", "(! (. a b))"},
      {"a.b.c", "(. (. a b) c)"},
      {"a.b[0].c", "(. ([] (. a b) 0) c)"},
      {"x in [1, 2] && y", "(&& (in x (list 1 2)) y)"},
      {"a ? b : c || d", "(?: a b (|| c d))"},
      {"a || b ? c : d", "(?: (|| a b) c d)"},
      {"s.startsWith(\"x\") || f(a, b)", "(|| (.startsWith s \"x\") (f a b))"},
      {"size(x) % 2 == 0", "(== (% (size x) 2) 0)"},
  }));
  CAPTURE(text);
  CHECK(tree(text) == want);
}

TEST_CASE("grammar: associativity", "[expr][grammar]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {"a - b - c", "(- (- a b) c)"},
      {"a / b / c", "(/ (/ a b) c)"},
      {"a || b || c", "(|| (|| a b) c)"},
      {"a && b && c", "(&& (&& a b) c)"},
      {"a < b == c", "(== (< a b) c)"},
      {"a ? b : c ? d : e", "(?: a b (?: c d e))"},
      {"!!a", "(! (! a))"},
      {"- -a", "(- (- a))"},
  }));
  CAPTURE(text);
  CHECK(tree(text) == want);
}

TEST_CASE("grammar: literals", "[expr][grammar]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {"42", "42"},
      {"3.25", "3.25"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {"\"支部委员会\"", "\"支部委员会\""},
      {"'single'", "\"single\""},
      {"[]", "(list)"},
      {"[\"a\", 'b', 3]", "(list \"a\" \"b\" 3)"},
      {"9223372036854775807", "9223372036854775807"},
      {"f()", "(f)"},
      {"truex", "truex"},
      {"index", "index"},
  }));
  CAPTURE(text);
  CHECK(tree(text) == want);
}

TEST_CASE("grammar: string escapes", "[expr][grammar]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {R"("a\"b")", "a\"b"},
      {R"('it\'s')", "it's"},
      {R"("back\\slash")", "back\\slash"},
      {R"("line\nbreak\ttab")", "line\nbreak\ttab"},
      {R"("\u4e2d\u6587")", "中文"},
      {R"("\U0001F600")", "\xF0\x9F\x98\x80"},
      {R"("a\/b")", "a/b"},
  }));
  CAPTURE(text);
  auto r = parse(text);
  REQUIRE(r.errors.empty());
  CHECK(r.root->text == want);
}

TEST_CASE("grammar: rejected inputs say what and where", "[expr][grammar]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {"", "0: empty expression"},
      {"a ==", "4: expected an expression, found the end of the expression"},
      {"a = b", "2: unexpected '='; did you mean '=='?"},
      {"a and b", "2: unexpected 'and'; use '&&' for 'and'"},
      {"a & b", "2: unexpected '&'; did you mean '&&'?"},
      {"(a || b", "7: expected ')', found the end of the expression"},
      {"f(a,", "4: expected an expression, found the end of the expression"},
      {"[1, 2", "5: expected ']', found the end of the expression"},
      {"\"open", "5: expected '\"', found the end of the expression"},
      {R"("bad \q")", "6: expected an escape sequence (\\\" \\' \\\\ \\/ \\n \\t \\r \\uXXXX \\UXXXXXXXX), found 'q'"},
      {R"("\uD800")", "1: not a Unicode code point"},
      {"99999999999999999999", "0: integer literal out of range"},
      {"a.", "2: expected a name, found the end of the expression"},
      {"a ? b", "5: expected ':', found the end of the expression"},
      {"in", "0: expected an expression, found 'in'"},
      {"a in", "4: expected an expression, found the end of the expression"},
      {"1 2", "2: unexpected '2'"},
      {"a <> b", "3: expected an expression, found '>'; did you mean '!='?"},
  }));
  CAPTURE(text);
  CHECK(error_at(text) == want);
}

TEST_CASE("grammar: deep nesting is an error, not a stack overflow", "[expr][grammar]") {
  std::string ok = std::string(60, '(') + "a" + std::string(60, ')');
  CHECK(error_at(ok) == "ok");
  std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
  CHECK(error_at(deep) == "64: expression nested too deeply (more than 64 levels)");
  std::string nots(100000, '!');
  CHECK(error_at(nots + "a").find("nested too deeply") != std::string::npos);
  std::string lists;
  for (int i = 0; i < 1000; ++i) lists += "[";
  CHECK(error_at(lists).find("nested too deeply") != std::string::npos);
  // A long flat chain is not nesting.
  std::string chain = "a";
  for (int i = 0; i < 2000; ++i) chain += " || a";
  CHECK(error_at(chain) == "ok");
}

TEST_CASE("grammar: every node has its byte range", "[expr][grammar]") {
  auto r = parse("  event.attrs.amount >= 100");
  REQUIRE(r.errors.empty());
  auto& cmp = *r.root;
  CHECK(cmp.begin == 2);
  CHECK(cmp.end == 27);
  auto& member = *cmp.args[0];
  CHECK(member.name == "amount");
  CHECK(member.name_begin == 14);
  CHECK(cmp.args[1]->begin == 24);
  auto& inner = *member.args[0];
  CHECK(inner.name_begin == 8);  // attrs
  CHECK(inner.args[0]->begin == 2);
  CHECK(inner.args[0]->end == 7);
}

TEST_CASE("grammar: print then parse gives the same tree", "[expr][grammar]") {
  auto text = GENERATE(as<std::string>{}, "a - (b - c)", "(a ? b : c) ? d : e", "-(a + b)", "!(a && b) || c", "(a || b) && c",
                       "a.b(c)[\"k\"].d", "[1, 2.5, \"x\\n\"] == y", "(a < b) < c", "x in list && !(y in [1])", "a ? (b ? c : d) : e");
  auto first = parse(text);
  REQUIRE(first.errors.empty());
  auto printed = print(*first.root);
  auto second = parse(printed);
  REQUIRE(second.errors.empty());
  CHECK(dump(*second.root) == dump(*first.root));
  CHECK(print(*second.root) == printed);
}
