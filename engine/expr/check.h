#pragma once
// The type checker: resolves roots, macros, lists, fields, event attributes (against the
// event catalog) and functions, and types every node. Faults are diagnostics at the right
// column of the YAML file, with "did you mean" where a name is close to a known one.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/scalar_text.h"
#include "expr/ast.h"
#include "store/catalog.h"

namespace jiandu::expr {

// Which event types an event-valued root can be: all, or a known set.
struct EventTypes {
  bool all = true;
  std::set<std::string> names;
  static EventTypes only(std::set<std::string> n) { return EventTypes{false, std::move(n)}; }
  EventTypes meet(const EventTypes& o) const;
  EventTypes join(const EventTypes& o) const;
  bool empty() const { return !all && names.empty(); }
  std::string str() const;
};

// A name an expression may start from, with its slot in the evaluation frame.
struct Root {
  std::string name;
  T type = T::event;
  int slot = 0;
  EventTypes types;             // for event roots: the types it can be
  bool narrow_by_self = false;  // for `event`: narrowed by the expression being checked
};

// The rule set's macros and lists, shared by every expression.
struct Symbols {
  struct Macro {
    ScalarTextPtr text;
    Span name;
  };
  struct List {
    std::vector<std::string> items;
    std::vector<Span> spans;
    Span name;
  };
  std::map<std::string, Macro> macros;
  std::map<std::string, List> lists;
  mutable std::set<std::string> used;  // names an expression referred to
};

enum class Want { boolean, number, any };

class Checker {
 public:
  Checker(const Catalog& catalog, const Symbols& symbols, Diagnostics& diags);

  // Parses, expands macros and lists, and types `text`; null when it has errors.
  NodePtr check(const ScalarTextPtr& text, const std::vector<Root>& roots, Want want);

  // The event types that can satisfy `n` as a condition on the root `root` (event.type ==,
  // in, startsWith; && meets, || joins). Unknown type literals are reported.
  EventTypes event_types(const Node& n, const std::string& root);

 private:
  NodePtr parse_text(const ScalarTextPtr& text);
  // Macros and lists replaced by what they stand for; `depth` is where `n` lands in the
  // expanded tree, held with its size to the parser's bounds (E103).
  NodePtr expand(const Node& n, std::vector<std::string>& stack, uint32_t depth);
  // Cold helpers of expand(), out of its recursive frame.
  [[gnu::noinline]] NodePtr too_large(const Node& n, const std::string& what);
  [[gnu::noinline]] NodePtr too_tall(const Node& n);
  [[gnu::noinline]] NodePtr too_many(const Node& n);
  [[gnu::noinline]] NodePtr cycle(const Node& n, const std::vector<std::string>& stack);
  [[gnu::noinline]] NodePtr expand_list(const Node& n, const Symbols::List& l, uint32_t depth);
  // The parsed body of the macro `n` names; null when it names none, or (with `failed`)
  // when the macro cannot be expanded (a cycle, a syntax error in it).
  [[gnu::noinline]] const Node* macro_body(const Node& n, const std::vector<std::string>& stack, bool& failed);
  [[gnu::noinline]] const Symbols::List* list_named(const std::string& name) const;
  [[gnu::noinline]] bool is_root(const std::string& name) const;
  void type(Node& n);
  [[gnu::noinline]] void type_node(Node& n);
  void type_member(Node& n);
  void type_call(Node& n);
  void type_binary(Node& n);
  void check_type_literals(const Node& field_side, const Node& other);
  Span span(const Node& n) const;
  Span name_span(const Node& n) const;
  void error(const Code& code, Span at, std::string msg);

  const Catalog& catalog_;
  const Symbols& symbols_;
  Diagnostics& diags_;
  const std::vector<Root>* roots_ = nullptr;
  std::vector<Root> local_roots_;
  std::map<std::string, NodePtr> parsed_macros_;
  std::vector<ScalarTextPtr> keep_;  // texts the nodes point into
  size_t errors_ = 0;
  size_t expanded_ = 0;  // nodes built by the expansion under way
  Span stack_ref_;       // the outermost macro reference of the expansion under way
};

// Whether a value of type `t` is numeric.
inline bool numeric(T t) { return t == T::int_ || t == T::decimal; }

}  // namespace jiandu::expr
