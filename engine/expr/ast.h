#pragma once
// The expression AST. Every node knows the byte range of the expression text it came from
// and that text's origin, so a fault found in any later pass points at the right column of
// the YAML file (the chain file → rule → field → expression).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jiandu {
struct ScalarText;  // base/: a scalar's text and how its offsets map into the file
}

namespace jiandu::expr {

enum class NodeKind { null_lit, bool_lit, int_lit, decimal_lit, string_lit, ident, list, unary, binary, ternary, member, index, call };

// The catalog type of an event attribute, as the evaluator must read it.
enum class AttrKind : uint8_t { none, string, int_, decimal, boolean, date, timestamp };

// Types, filled in by the checker (check.h).
enum class T : uint8_t { error, null_, bool_, int_, decimal, string, date, timestamp, list, event, org, person, period, attrs };
const char* type_name(T t);

// What a member selects, resolved by the checker.
enum class Field : uint8_t { none, id, type, ts, date, org, person, ref, attrs, name, kind, parent, start, end, label, year, attr };

// Built-in functions, resolved by the checker.
enum class Fn : uint8_t {
  none,
  has,
  size,
  contains,
  starts_with,
  ends_with,
  matches,
  date,
  weekday,
  hour,
  is_workday,
  is_holiday,
  days_between,
  workdays_between,
  string,
  add_days,
  add_months,
  // over the org graph, as of a day (role records have validity dates)
  holders,
  holders_within,
  holder,
  holds,
  units_within,
  people_within
};

enum class Op { none, or_, and_, eq, ne, lt, le, gt, ge, in, add, sub, mul, div, mod, not_, neg };

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node {
  NodeKind kind = NodeKind::null_lit;
  Op op = Op::none;
  uint32_t begin = 0, end = 0;  // byte offsets in the expression text
  const ScalarText* origin = nullptr;

  std::string name;  // ident; member field; call function
  std::string text;  // string literal value; decimal literal as written
  int64_t int_value = 0;
  double decimal_value = 0;
  bool bool_value = false;
  bool method = false;        // a call written receiver.f(args): args[0] is the receiver
  std::vector<NodePtr> args;  // operands, in order
  uint32_t height = 1;        // 1 + the tallest operand's: bounded (parser.h, kMaxHeight)
  // Where the name of a member or call is, for errors about it.
  uint32_t name_begin = 0;

  // Filled in by the checker.
  T type = T::error;
  T elem = T::error;  // element type of a list
  int slot = -1;      // ident: the root's slot in the evaluation frame
  Field field = Field::none;
  Fn fn = Fn::none;
  AttrKind attr = AttrKind::none;  // the catalog type of an event attribute
  std::shared_ptr<void> compiled;  // a regex, compiled once
};

const char* op_text(Op op);
int precedence(Op op);  // binary operators: higher binds tighter

// Canonical text: parses back to the same tree (parentheses only where needed).
std::string print(const Node& n);
// The tree's shape, for tests: (op left right), (call f a b), "str" …
std::string dump(const Node& n);

}  // namespace jiandu::expr
