#pragma once
// The lowered form of a checked expression: what the evaluator runs. The checker's tree is
// for people and for analysis (spans for diagnostics, the canonical print that shares
// predicates, the event types a condition admits); a Program is for running: immutable, one
// flat array of instructions, with
//   - constants folded once (a quoted date parsed, `-3`, `60 * 24`, `date("2026-01-01")`, a
//     ternary over a constant), where folding cannot change what the expression means: a
//     fold that would overflow or divide by zero is left to fault at run time, as unfolded;
//   - `x == null` / `x != null` as a test for a missing value, not a comparison;
//   - `x in ["a", "b"]` over a string as a membership test in a set of texts;
//   - `event.attrs.NAME` as one read of the attribute, with the catalog type it must have;
//   - regexes compiled once (by the checker, which reports a bad one at its column).
// Arithmetic stays checked for overflow at run time (eval/interp.cpp): a fault, never UB.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/date.h"
#include "expr/ast.h"

namespace jiandu::expr {

// A value known when the rule set is compiled.
struct Constant {
  T type = T::null_;  // null_, bool_, int_, decimal, string or date
  bool boolean = false;
  int64_t integer = 0;
  double decimal = 0;
  std::string text = {};
  Date date = {};
};

enum class OpCode : uint8_t {
  constant,  // constants[k]
  slot,      // the frame's slot k (a root: event, org, period, …)
  list,      // the operands' values as a list
  is_null,   // operand == null
  not_null,  // operand != null
  text_in,   // the string operand is one of text_sets[k]
  not_,
  neg,
  and_,
  or_,
  ternary,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  add,
  sub,
  mul,
  div,
  mod,
  field,  // `field` of the operand (an event, org, person or period)
  attr,   // the attribute names[k] of the event operand, read as `attr`
  index,  // operand 0's item at operand 1
  call,   // `fn` over the operands
};

struct Insn {
  OpCode code = OpCode::constant;
  T type = T::error;  // the checker's type of the value
  Field field = Field::none;
  Fn fn = Fn::none;
  AttrKind attr = AttrKind::none;
  uint16_t count = 0;  // operands: operands[first .. first + count)
  uint32_t first = 0;
  uint32_t k = 0;               // constant, slot, text set, attribute name or pattern, by code
  uint32_t name = 0;            // names[name]: the field or function as written (for print)
  uint32_t begin = 0, end = 0;  // the expression text it came from
};

class Program {
 public:
  std::vector<Insn> code;  // each instruction after its operands; the last is the result
  std::vector<uint32_t> operands;
  std::vector<Constant> constants;
  std::vector<std::vector<std::string>> text_sets;
  std::vector<std::string> names;
  std::vector<std::shared_ptr<void>> patterns;  // matches(): compiled by the checker
  const ScalarText* origin = nullptr;

  uint32_t root() const { return uint32_t(code.size() - 1); }
  uint32_t operand(const Insn& i, size_t n) const { return operands[i.first + n]; }
  const Insn& at(const Insn& i, size_t n) const { return code[operand(i, n)]; }
};
using ProgramPtr = std::shared_ptr<const Program>;

// Lowers a tree the checker has typed without errors.
ProgramPtr lower(const Node& checked);

// The program one instruction per line (`%3 = gt %1 %2 : bool`), for tests and `jiandu graph --lowered`.
std::string print(const Program& p);

// A checked expression: the typed tree (for diagnostics, printing and analysis) and its
// lowered program (what runs). Null when the rule has no such expression.
class Expr {
 public:
  Expr() = default;
  Expr(NodePtr tree) : tree_(std::move(tree)), program_(tree_ ? lower(*tree_) : nullptr) {}
  explicit operator bool() const { return tree_ != nullptr; }
  const Node& operator*() const { return *tree_; }
  const Node* operator->() const { return tree_.get(); }
  const Node* get() const { return tree_.get(); }
  const NodePtr& tree() const { return tree_; }
  const Program& program() const { return *program_; }

 private:
  NodePtr tree_;
  ProgramPtr program_;
};

}  // namespace jiandu::expr
