// Hardening of the expression language (issue 14, classes 1–4): inputs sized as the
// reliability probe sized them get a clear diagnostic, or their answer, quickly; never a
// stack overflow, a wrapped number, a hang or undefined behaviour.
#include <chrono>

#include <catch2/catch.hpp>

#include "check/rules.h"
#include "eval/interp.h"
#include "expr/check.h"
#include "expr/parser.h"
#include "org/org_graph.h"
#include "store/store.h"
#include "support/temp_dir.h"

using namespace jiandu;
using namespace jiandu::expr;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `first` joined with n more terms by `op`: a chain of n + 1 terms.
std::string chain(const std::string& first, const std::string& op, const std::string& term, size_t n) {
  return first + repeat(" " + op + " " + term, n);
}

const Catalog& catalog() {
  static const Catalog c = Catalog::builtin();
  return c;
}

// Checks `text` with `event` as the only root; the diagnostics land in `d`.
NodePtr checked(const std::string& text, Diagnostics& d, const Symbols& symbols = {}, Want want = Want::any) {
  Checker c(catalog(), symbols, d);
  Root event{"event", T::event, check::kEvent, {}, true};
  return c.check(ScalarText::detached(text), {event}, want);
}

std::string first_code(const Diagnostics& d) { return d.items().empty() ? "" : d.items()[0].code; }
std::string first_message(const Diagnostics& d) { return d.items().empty() ? "" : d.items()[0].message; }

// An interpreter over an empty store, and an event to evaluate against.
struct Eval {
  test::TempDir dir;
  std::unique_ptr<Store> store = Store::create(dir.path("s.db"));
  org::OrgGraph orgs = org::OrgGraph::load(*store);
  Calendar cal = Calendar::builtin();
  eval::Interp interp{orgs, cal};
  eval::Event event;
  std::string type = "expense.meal";

  Eval() {
    event.id = "e1";
    event.type_name = &type;
    event.set_attrs(R"({"amount": 1, "purpose": "x"})");
  }
  // Checks and evaluates `text`; what it gives, or the fault's text.
  std::string run(const std::string& text) {
    Diagnostics d;
    auto n = checked(text, d);
    if (!n) return "error " + first_code(d) + ": " + first_message(d);
    eval::Frame f;
    f[check::kEvent] = &event;
    try {
      return interp.text(interp.eval(*expr::lower(*n), f));
    } catch (const eval::EvalFault& e) {
      return std::string("fault: ") + e.what();
    }
  }
};

}  // namespace

TEST_CASE("hardening: a chain of 20,000 '&&' terms is E103 at the term past the limit, quickly", "[hardening][expr]") {
  std::string text = chain("a", "&&", "a", 19999);
  auto t0 = Clock::now();
  auto r = parse(text);
  CHECK(seconds_since(t0) < 1.0);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code->id == "E103");
  CHECK(r.errors[0].message ==
        "expression too large: a chain of '&&' more than 2048 levels deep (the limit is 2048); "
        "split it into macros, or use 'in' with a list");
  // The caret is on the term that crossed the limit: the 2049th 'a'.
  CHECK(r.errors[0].begin == 2048 * 5);
  CHECK(r.errors[0].end == 2048 * 5 + 1);
}

TEST_CASE("hardening: long chains of every operator are bounded, short ones parse", "[hardening][expr]") {
  for (std::string op : {"||", "&&", "==", "<", "+", "-", "*", "/", "%"}) {
    CAPTURE(op);
    auto r = parse(chain("1", op, "1", 20000));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code->id == "E103");
    CHECK(r.errors[0].message.find("a chain of '" + op + "'") != std::string::npos);
    CHECK(parse(chain("1", op, "1", 2000)).errors.empty());
  }
  // Postfix chains grow the tree too: members, indexes, calls.
  for (std::string tail : {".b", "[0]", ".f()"}) {
    CAPTURE(tail);
    auto r = parse("a" + repeat(tail, 20000));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code->id == "E103");
    CHECK(r.errors[0].message == "expression too large: more than 2048 levels of operators (the limit is 2048)");
  }
}

TEST_CASE("hardening: an expression of more than 10,000 nodes is E103, however flat", "[hardening][expr]") {
  std::string items = "1";
  for (int i = 0; i < 20000; ++i) items += ", 1";
  for (std::string text : {"x in [" + items + "]", "f(" + items + ")"}) {
    auto r = parse(text);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code->id == "E103");
    CHECK(r.errors[0].message == "expression too large: more than 10000 nodes (the limit is 10000)");
  }
  // A tree may be wide: 150 chains of 30 terms side by side in a list, 8,851 nodes.
  std::string wide = "[" + chain("1", "+", "1", 29);
  for (int i = 1; i < 150; ++i) wide += ", " + chain("1", "+", "1", 29);
  CHECK(parse(wide + "]").errors.empty());
}

TEST_CASE("hardening: the bracket guard still holds at 100,000 levels", "[hardening][expr]") {
  for (std::string open : {"(", "[", "!", "-", "a ? "}) {
    CAPTURE(open);
    auto r = parse(repeat(open, 100000) + "a");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code->id == "E102");
  }
}

TEST_CASE("hardening: a 1 MB string literal and a 1 MB name are handled in linear time", "[hardening][expr]") {
  auto t0 = Clock::now();
  auto r = parse("event.id == \"" + std::string(1 << 20, 'x') + "\"");
  CHECK(r.errors.empty());
  Diagnostics d;
  CHECK_FALSE(checked(std::string(1 << 20, 'n') + " == 1", d));
  CHECK(first_code(d) == "E201");
  CHECK(seconds_since(t0) < 5.0);
}

TEST_CASE("hardening: the tallest tree the parser builds goes through every pass", "[hardening][expr]") {
  // 2,040 levels: parse, expand, type, event types, print, evaluate and destroy, all of
  // which recurse on the height (the ASan build runs this too).
  Diagnostics d;
  auto n = checked(chain("event.id == \"a\"", "||", "event.id == \"b\"", 1500), d, {}, Want::boolean);
  CHECK(n);
  CHECK(d.items().empty());
  CHECK(n->height == 1503);
  CHECK(print(*n).size() > 1500 * 16);
  Eval e;
  CHECK(e.run(chain("1", "+", "1", 2038)) == "2039");
  CHECK(e.run(chain("1", "+", "1", 2048)).rfind("error E103: expression too large: a chain of '+'", 0) == 0);
  // Members recurse through the checker's type_member and the interpreter's field().
  CHECK(e.run("has(event.org" + repeat(".parent", 2040) + ".name)") == "否");
  CHECK(e.run("event.org" + repeat(".parent", 2048) + ".name") ==
        "error E103: expression too large: more than 2048 levels of operators (the limit is 2048)");
}

TEST_CASE("hardening: macros that double at each level are E103 at the outer reference, quickly", "[hardening][expr]") {
  // m0 = event.id == "x"; m(k) = m(k-1) && m(k-1): 40 levels would be 2^40 nodes.
  Symbols s;
  s.macros["m0"] = {ScalarText::detached("event.id == \"x\""), {}};
  for (int k = 1; k <= 40; ++k) {
    std::string prev = "m" + std::to_string(k - 1);
    s.macros["m" + std::to_string(k)] = {ScalarText::detached(prev + " && " + prev), {}};
  }
  auto t0 = Clock::now();
  Diagnostics d;
  CHECK_FALSE(checked("event.type == \"expense.meal\" && m40", d, s));
  CHECK(seconds_since(t0) < 2.0);
  REQUIRE(d.items().size() == 1);
  CHECK(first_code(d) == "E103");
  CHECK(first_message(d) == "expression too large once its macros and lists are expanded: more than 10000 nodes (the limit is 10000)");
  CHECK(d.items()[0].span.offset == std::string("event.type == \"expense.meal\" && ").size());  // on m40
  // 10 levels (1,024 comparisons, 5,119 nodes) fit.
  Diagnostics ok;
  CHECK(checked("m10", ok, s));
  CHECK(ok.items().empty());
}

TEST_CASE("hardening: macros that make a chain taller than the limit are E103", "[hardening][expr]") {
  // Each macro adds to the one before: together a chain of 2,101 terms, 4,201 nodes.
  Symbols s;
  s.macros["c0"] = {ScalarText::detached("1"), {}};
  for (int k = 1; k <= 2100; ++k) s.macros["c" + std::to_string(k)] = {ScalarText::detached("c" + std::to_string(k - 1) + " + 1"), {}};
  Diagnostics d;
  CHECK_FALSE(checked("c2100 > 0", d, s));
  CHECK(first_code(d) == "E103");
  CHECK(first_message(d) ==
        "expression too large once its macros and lists are expanded: more than 2048 levels of "
        "operators (the limit is 2048)");
  CHECK(d.items()[0].span.offset == 0);  // on c2100
}

TEST_CASE("hardening: a list item beyond int64 is refused, not read as its nearest bound", "[hardening][expr]") {
  Symbols s;
  s.lists["big"] = {{"1", "18446744073709551615"}, {}, {}};
  Diagnostics d;
  CHECK_FALSE(checked("event.attrs.diners in big", d, s));
  CHECK(first_code(d) == "E101");
  CHECK(first_message(d).find("18446744073709551615") != std::string::npos);
}

TEST_CASE("hardening: integer literals beyond int64 are E101, not wrapped", "[hardening][expr]") {
  for (std::string lit : {"18446744073709551615", "9223372036854775808", "99999999999999999999"}) {
    CAPTURE(lit);
    auto r = parse("x > " + lit);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code->id == "E101");
    CHECK(r.errors[0].message == "integer literal out of range");
  }
  CHECK(parse("x > 9223372036854775807").errors.empty());
}

TEST_CASE("hardening: integer arithmetic that would overflow is a fault, never UB or SIGFPE", "[hardening][eval]") {
  Eval e;
  const std::string min = "(-9223372036854775807 - 1)";
  CHECK(e.run(min) == "-9223372036854775808");
  CHECK(e.run(min + " / -1") == "fault: integer overflow in -9223372036854775808 / -1 (the result is beyond the 64-bit int range)");
  CHECK(e.run(min + " % -1") == "0");  // the remainder exists; only the CPU's division traps
  CHECK(e.run("-" + min) == "fault: integer overflow in -(-9223372036854775808) (the result is beyond the 64-bit int range)");
  CHECK(e.run("9223372036854775807 + 1").rfind("fault: integer overflow in 9223372036854775807 + 1", 0) == 0);
  CHECK(e.run(min + " - 1").rfind("fault: integer overflow in -9223372036854775808 - 1", 0) == 0);
  CHECK(e.run("4294967296 * 4294967296").rfind("fault: integer overflow in 4294967296 * 4294967296", 0) == 0);
  CHECK(e.run("3037000499 * 3037000499") == "9223372030926249001");  // just fits
  CHECK(e.run("7 / 0") == "fault: division by zero");
  CHECK(e.run("7 % 0") == "fault: division by zero");
  CHECK(e.run("-7 / 2") == "-3");
  CHECK(e.run("-7 % 2") == "-1");
  CHECK(e.run(min + " / 1") == "-9223372036854775808");
  // A sum that wraps would make `> 0` false and a shipped rule miss a violation: a fault.
  CHECK(e.run("9223372036854775807 + 9223372036854775807 > 0").rfind("fault: integer overflow", 0) == 0);
}

TEST_CASE("hardening: an int attribute beyond int64 in the store is a fault, not -1", "[hardening][eval]") {
  Eval e;
  e.event.set_attrs(R"({"amount": 1, "diners": 18446744073709551615})");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.diners < 0") ==
        "fault: event e1: attribute 'diners' is 18446744073709551615, beyond the int range");
  Eval ok;
  ok.event.set_attrs(R"({"amount": 18446744073709551615, "diners": 9223372036854775807})");
  CHECK(ok.run("event.type == \"expense.meal\" && event.attrs.diners > 0") == "是");
  CHECK(ok.run("event.type == \"expense.meal\" && event.attrs.amount > 18000000000000000000.0") == "是");
}

TEST_CASE("hardening: stored attrs nested 100,000 deep are a fault, not a recursion", "[hardening][eval]") {
  Eval e;
  e.event.set_attrs("{\"purpose\": " + repeat("[", 100000) + repeat("]", 100000) + "}");
  CHECK(e.run("event.type == \"expense.meal\" && has(event.attrs.purpose)") ==
        "fault: event e1: attrs is nested deeper than 64 levels of arrays and objects");
}

TEST_CASE("hardening: matches() runs in linear time on a catastrophic pattern and a 1 MB string", "[hardening][eval]") {
  Eval e;
  auto t0 = Clock::now();
  e.event.set_attrs(R"({"amount": 1, "purpose": ")" + std::string(31, 'a') + "b\"}");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"^(a+)+$\")") == "否");
  e.event = {};
  e.event.id = "e2";
  e.event.type_name = &e.type;
  e.event.set_attrs(R"({"amount": 1, "purpose": ")" + std::string(1 << 20, 'a') + "\"}");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"^(a|aa)*$\")") == "是");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"(.*)*b\")") == "否");
  CHECK(seconds_since(t0) < 5.0);
}

TEST_CASE("hardening: matches() patterns RE2 cannot run in linear time are E212 at lint", "[hardening][expr]") {
  auto message = [](const std::string& pattern) {
    Diagnostics d;
    checked("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"" + pattern + "\")", d);
    return first_code(d) + " " + first_message(d);
  };
  CHECK(message("宴请(") == "E212 not a valid regular expression: Mismatched '(' and ')' in regular expression");
  CHECK(message("(a)\\\\1") ==
        "E212 not a valid regular expression: backreferences such as \\1 are not supported (matching runs in linear time)");
  CHECK(message("a(?=b)") ==
        "E212 not a valid regular expression: unsupported group (?= (lookahead and lookbehind are not supported: matching runs in linear "
        "time)");
  CHECK(message("[b-a]") == "E212 not a valid regular expression: bad character range b-a");
  CHECK(message("a{2000}") == "E212 not a valid regular expression: bad repetition count {2000} (at most 1000)");
  // A pattern nested 100,000 deep inside a string, which the bracket guard does not see:
  // RE2 parses it without recursing, and it runs.
  Eval deep;
  CHECK(deep.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"" + repeat("(", 100000) + "x" + repeat(")", 100000) +
                 "\")") == "是");
  // What rules use still works: classes, anchors, Chinese text.
  Eval e;
  e.event.set_attrs(R"({"amount": 1, "purpose": "招待宴请 2024"})");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"宴请\\\\s\\\\d{4}$\")") == "是");
  CHECK(e.run("event.type == \"expense.meal\" && event.attrs.purpose.matches(\"^[招待]{2}\")") == "是");
}

TEST_CASE("hardening: a Chinese name is a clean E101 that says how to write it", "[hardening][expr]") {
  // Spirit's standard classes assert on the negative chars of UTF-8 bytes in a debug build.
  auto r = parse("event.attrs.金额 > 0");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code->id == "E101");
  CHECK(r.errors[0].message ==
        "expected a name, found '金'; names are ASCII letters, digits and '_': write attrs[\"金额\"] for an attribute named 金额");
  CHECK(r.errors[0].begin == 12);
  CHECK(r.errors[0].end == 15);  // the whole character
  CHECK(parse("event.金额").errors.at(0).message == "expected a name, found '金'; names are ASCII letters, digits and '_'");
  CHECK(parse("金额 > 0").errors.at(0).message == "expected an expression, found '金'");
  CHECK(parse("a金 > 0").errors.at(0).message == "unexpected '金'");
  CHECK(parse("event.attrs[\"金额\"] > 0").errors.empty());
  // Every byte from 0x80 to 0xFF, anywhere: an error, never an assertion.
  for (int b = 0x80; b <= 0xFF; ++b) {
    std::string bad(1, char(b));
    CHECK_FALSE(parse(bad).errors.empty());
    CHECK_FALSE(parse("a." + bad).errors.empty());
    CHECK_FALSE(parse("1" + bad).errors.empty());
    CHECK(parse("\"" + bad + "\"").errors.empty());  // inside a string, any byte
  }
}

// expr::lower folds arithmetic over constants; the same arithmetic over an attribute is done
// by the run. Both must give the same value, or the same fault.
TEST_CASE("lower: a folded constant is what the run computes from the same numbers", "[lower][eval]") {
  Eval e;
  const std::vector<std::string> numbers{"0", "1", "-1", "2", "-7", "3037000499", "9223372036854775807", "(-9223372036854775807 - 1)"};
  const std::vector<std::string> ops{"+", "-", "*", "/", "%", "<", "==", ">="};
  for (auto& a : numbers)
    for (auto& b : numbers)
      for (auto& op : ops) {
        std::string folded = e.run(a + " " + op + " " + b);
        e.event.set_attrs("{\"diners\": " + e.run(a) + "}");
        std::string run = e.run("event.attrs.diners " + op + " " + b);
        INFO(a << " " << op << " " << b);
        CHECK(folded == run);
      }
  for (auto& d : std::vector<std::string>{"1.5", "-0.25", "0.0", "123456789.125"})
    for (auto& op : std::vector<std::string>{"+", "-", "*", "/", ">"}) {
      std::string folded = e.run(d + " " + op + " 2.5 " + op + " " + d);
      e.event.set_attrs("{\"amount\": " + d + "}");
      std::string run = e.run("event.attrs.amount " + op + " 2.5 " + op + " " + d);
      INFO(d << " " << op);
      CHECK(folded == run);
    }
}
