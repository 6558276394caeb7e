#include "expr/check.h"

#include <algorithm>
#include <cerrno>

#include "base/date.h"
#include "base/suggest.h"
#include "expr/parser.h"
#include "expr/pattern.h"

namespace jiandu::expr {

EventTypes EventTypes::meet(const EventTypes& o) const {
  if (all) return o;
  if (o.all) return *this;
  std::set<std::string> r;
  std::set_intersection(names.begin(), names.end(), o.names.begin(), o.names.end(), std::inserter(r, r.end()));
  return only(std::move(r));
}

EventTypes EventTypes::join(const EventTypes& o) const {
  if (all || o.all) return {};
  std::set<std::string> r = names;
  r.insert(o.names.begin(), o.names.end());
  return only(std::move(r));
}

std::string EventTypes::str() const {
  if (all) return "any";
  std::string s;
  for (auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

namespace {

struct FnSig {
  Fn fn;
  const char* name;
  bool method;  // written receiver.f(args)
  size_t args;  // including the receiver
};

const std::vector<FnSig>& functions() {
  static const std::vector<FnSig> f{
      {Fn::has, "has", false, 1},
      {Fn::size, "size", false, 1},
      {Fn::contains, "contains", true, 2},
      {Fn::starts_with, "startsWith", true, 2},
      {Fn::ends_with, "endsWith", true, 2},
      {Fn::matches, "matches", true, 2},
      {Fn::date, "date", false, 1},
      {Fn::weekday, "weekday", false, 1},
      {Fn::hour, "hour", false, 1},
      {Fn::is_workday, "is_workday", false, 1},
      {Fn::is_holiday, "is_holiday", false, 1},
      {Fn::days_between, "days_between", false, 2},
      {Fn::workdays_between, "workdays_between", false, 2},
      {Fn::string, "string", false, 1},
      {Fn::add_days, "add_days", false, 2},
      {Fn::add_months, "add_months", false, 2},
      {Fn::holders, "holders", true, 3},
      {Fn::holders_within, "holders_within", true, 3},
      {Fn::holder, "holder", true, 3},
      {Fn::holds, "holds", true, 4},
      {Fn::units_within, "units_within", true, 2},
      {Fn::people_within, "people_within", true, 1},
  };
  return f;
}

std::vector<std::string> fn_names(bool method) {
  std::vector<std::string> out;
  for (auto& f : functions())
    if (f.method == method) out.push_back(f.name);
  return out;
}

struct FieldDef {
  const char* name;
  Field field;
  T type;
};

const std::vector<FieldDef>& fields_of(T t) {
  static const std::vector<FieldDef> event{{"id", Field::id, T::string},    {"type", Field::type, T::string},
                                           {"ts", Field::ts, T::timestamp}, {"date", Field::date, T::date},
                                           {"org", Field::org, T::org},     {"person", Field::person, T::person},
                                           {"ref", Field::ref, T::string},  {"attrs", Field::attrs, T::attrs}};
  static const std::vector<FieldDef> org{
      {"id", Field::id, T::string}, {"name", Field::name, T::string}, {"kind", Field::kind, T::string}, {"parent", Field::parent, T::org}};
  static const std::vector<FieldDef> person{{"id", Field::id, T::string}, {"name", Field::name, T::string}, {"org", Field::org, T::org}};
  static const std::vector<FieldDef> period{{"start", Field::start, T::date},
                                            {"end", Field::end, T::date},
                                            {"label", Field::label, T::string},
                                            {"due", Field::date, T::date},
                                            {"year", Field::year, T::int_}};
  static const std::vector<FieldDef> none;
  switch (t) {
    case T::event: return event;
    case T::org: return org;
    case T::person: return person;
    case T::period: return period;
    default: return none;
  }
}

T attr_t(AttrType a) {
  switch (a) {
    case AttrType::string: return T::string;
    case AttrType::int_: return T::int_;
    case AttrType::decimal: return T::decimal;
    case AttrType::boolean: return T::bool_;
    case AttrType::date: return T::date;
    case AttrType::timestamp: return T::timestamp;
  }
  return T::error;
}

AttrKind attr_kind(AttrType a) {
  switch (a) {
    case AttrType::string: return AttrKind::string;
    case AttrType::int_: return AttrKind::int_;
    case AttrType::decimal: return AttrKind::decimal;
    case AttrType::boolean: return AttrKind::boolean;
    case AttrType::date: return AttrKind::date;
    case AttrType::timestamp: return AttrKind::timestamp;
  }
  return AttrKind::none;
}

// `a` and `b` can be compared for equality.
bool comparable(T a, T b) {
  if (a == T::error || b == T::error) return true;
  if (a == b) return true;
  if (numeric(a) && numeric(b)) return true;
  return a == T::null_ || b == T::null_;
}

std::string quoted(T t) { return std::string("'") + type_name(t) + "'"; }

}  // namespace

Checker::Checker(const Catalog& catalog, const Symbols& symbols, Diagnostics& diags)
    : catalog_(catalog), symbols_(symbols), diags_(diags) {}

Span Checker::span(const Node& n) const {
  if (!n.origin) return {};
  return n.origin->span(n.begin, n.end);
}

Span Checker::name_span(const Node& n) const {
  if (!n.origin) return {};
  return n.origin->span(n.name_begin, n.name_begin + uint32_t(n.name.size()));
}

void Checker::error(const Code& code, Span at, std::string msg) {
  ++errors_;
  diags_.report(code, std::move(at), std::move(msg));
}

NodePtr Checker::parse_text(const ScalarTextPtr& text) {
  keep_.push_back(text);
  auto r = parse(text->text, text.get());
  if (!r.errors.empty()) {
    // The names the text mentions are used, even though it did not parse.
    const std::string& t = text->text;
    for (size_t i = 0; i < t.size();) {
      if (std::isalpha(static_cast<unsigned char>(t[i])) || t[i] == '_') {
        size_t j = i;
        while (j < t.size() && (std::isalnum(static_cast<unsigned char>(t[j])) || t[j] == '_')) ++j;
        std::string w = t.substr(i, j - i);
        if (symbols_.macros.count(w) || symbols_.lists.count(w)) symbols_.used.insert(w);
        i = j;
      } else {
        ++i;
      }
    }
  }
  for (auto& e : r.errors) error(*e.code, text->span(e.begin, e.end), e.message);
  return r.root;
}

NodePtr Checker::check(const ScalarTextPtr& text, const std::vector<Root>& roots, Want want) {
  size_t before = errors_;
  local_roots_ = roots;
  roots_ = &local_roots_;
  NodePtr tree = parse_text(text);
  if (!tree) return nullptr;
  std::vector<std::string> stack;
  expanded_ = 0;
  tree = expand(*tree, stack, 1);
  if (!tree || errors_ > before) return nullptr;
  // Narrow `event` by the expression itself, so its attributes resolve against the types
  // the expression can match.
  for (auto& r : local_roots_)
    if (r.narrow_by_self) r.types = r.types.meet(event_types(*tree, r.name));
  roots_ = &local_roots_;
  type(*tree);
  if (errors_ > before) return nullptr;
  if (want == Want::boolean && tree->type != T::bool_) {
    error(code::E208, span(*tree), std::string("a condition must be true or false, but this is ") + quoted(tree->type));
    return nullptr;
  }
  if (want == Want::number && !numeric(tree->type)) {
    error(code::E214, span(*tree), std::string("must be a number, but this is ") + quoted(tree->type));
    return nullptr;
  }
  return tree;
}

// Macros multiply: m1 = m0 && m0, m2 = m1 && m1, … makes 2^n nodes from n short lines, and
// a macro used inside a chain makes the chain taller. So the expanded tree is held to the
// parser's bounds while it is built, and building stops at the first excess.
//
// expand() recurses once per level of the expanded tree (up to kMaxHeight), so its own
// frame is kept small: messages, lists and cycles are built in the helpers below, which
// are called once and do not recurse (under ASan a frame full of strings is kilobytes).
NodePtr Checker::too_large(const Node& n, const std::string& what) {
  Span at = stack_ref_.valid() ? stack_ref_ : n.kind == NodeKind::ident ? name_span(n) : span(n);
  error(code::E103, at, "expression too large once its macros and lists are expanded: " + what);
  return nullptr;
}

NodePtr Checker::too_tall(const Node& n) {
  return too_large(n, "more than " + std::to_string(kMaxHeight) + " levels of operators (the limit is " + std::to_string(kMaxHeight) + ")");
}

NodePtr Checker::too_many(const Node& n) {
  return too_large(n, "more than " + std::to_string(kMaxNodes) + " nodes (the limit is " + std::to_string(kMaxNodes) + ")");
}

NodePtr Checker::cycle(const Node& n, const std::vector<std::string>& stack) {
  std::string text;
  for (auto it = std::find(stack.begin(), stack.end(), n.name); it != stack.end(); ++it) text += *it + " → ";
  error(code::E210, name_span(n), "macros refer to each other in a cycle: " + text + n.name);
  return nullptr;
}

NodePtr Checker::expand_list(const Node& n, const Symbols::List& l, uint32_t depth) {
  symbols_.used.insert(n.name);
  if ((expanded_ += 1 + l.items.size()) > kMaxNodes) return too_many(n);
  if (depth + 1 > kMaxHeight) return too_tall(n);
  auto list = std::make_shared<Node>(n);
  list->kind = NodeKind::list;
  list->args.clear();
  for (size_t i = 0; i < l.items.size(); ++i) {
    const std::string& item = l.items[i];
    auto lit = std::make_shared<Node>(n);
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(item.c_str(), &end, 10);
    bool integer = !item.empty() && end && *end == 0;
    if (integer && errno == ERANGE) {
      // A number past int64 would be read as its nearest bound: refuse it instead.
      Span at = i < l.spans.size() ? l.spans[i] : name_span(n);
      error(code::E101, at,
            "integer out of range in list '" + n.name + "': " + item + " (an int is from -9223372036854775808 to 9223372036854775807)");
      return nullptr;
    }
    if (integer) {
      lit->kind = NodeKind::int_lit;
      lit->int_value = v;
    } else {
      lit->kind = NodeKind::string_lit;
      lit->text = item;
    }
    list->args.push_back(lit);
  }
  list->height = list->args.empty() ? 1 : 2;
  return list;
}

NodePtr Checker::expand(const Node& n, std::vector<std::string>& stack, uint32_t depth) {
  if (stack.empty()) stack_ref_ = {};
  if (depth > kMaxHeight) return too_tall(n);
  if (n.kind == NodeKind::ident && !is_root(n.name)) {
    bool failed = false;
    if (const Node* body = macro_body(n, stack, failed)) {
      if (stack.empty()) stack_ref_ = name_span(n);  // where an excess is reported
      stack.push_back(n.name);
      auto out = expand(*body, stack, depth);
      stack.pop_back();
      return out;
    }
    if (failed) return nullptr;
    if (const Symbols::List* l = list_named(n.name)) return expand_list(n, *l, depth);
  }
  if (++expanded_ > kMaxNodes) return too_many(n);
  auto copy = std::make_shared<Node>(n);
  uint32_t tallest = 0;
  for (auto& a : copy->args) {
    a = expand(*a, stack, depth + 1);
    if (!a) return nullptr;
    tallest = std::max(tallest, a->height);
  }
  copy->height = tallest + 1;
  return copy;
}

const Node* Checker::macro_body(const Node& n, const std::vector<std::string>& stack, bool& failed) {
  auto m = symbols_.macros.find(n.name);
  if (m == symbols_.macros.end()) return nullptr;
  symbols_.used.insert(n.name);
  if (std::find(stack.begin(), stack.end(), n.name) != stack.end()) {
    failed = true;
    cycle(n, stack);
    return nullptr;
  }
  auto& parsed = parsed_macros_[n.name];
  if (!parsed) parsed = parse_text(m->second.text);
  failed = !parsed;
  return parsed.get();
}

const Symbols::List* Checker::list_named(const std::string& name) const {
  auto l = symbols_.lists.find(name);
  return l == symbols_.lists.end() ? nullptr : &l->second;
}

bool Checker::is_root(const std::string& name) const {
  for (auto& r : *roots_)
    if (r.name == name) return true;
  return false;
}

EventTypes Checker::event_types(const Node& n, const std::string& root) {
  auto is_type_field = [&](const Node& x) {
    return x.kind == NodeKind::member && x.name == "type" && x.args[0]->kind == NodeKind::ident && x.args[0]->name == root;
  };
  auto known = [&](const std::string& t) { return catalog_.find(t) != nullptr; };
  switch (n.kind) {
    case NodeKind::binary:
      if (n.op == Op::and_) return event_types(*n.args[0], root).meet(event_types(*n.args[1], root));
      if (n.op == Op::or_) return event_types(*n.args[0], root).join(event_types(*n.args[1], root));
      if (n.op == Op::eq) {
        for (int side = 0; side < 2; ++side) {
          const Node& f = *n.args[side];
          const Node& v = *n.args[1 - side];
          if (is_type_field(f) && v.kind == NodeKind::string_lit) return known(v.text) ? EventTypes::only({v.text}) : EventTypes::only({});
        }
      }
      if (n.op == Op::in && is_type_field(*n.args[0]) && n.args[1]->kind == NodeKind::list) {
        std::set<std::string> s;
        for (auto& item : n.args[1]->args)
          if (item->kind == NodeKind::string_lit && known(item->text)) s.insert(item->text);
        return EventTypes::only(std::move(s));
      }
      return {};
    case NodeKind::call:
      if (n.method && n.name == "startsWith" && n.args.size() == 2 && is_type_field(*n.args[0]) &&
          n.args[1]->kind == NodeKind::string_lit) {
        std::set<std::string> s;
        for (auto& [name, t] : catalog_.types())
          if (name.rfind(n.args[1]->text, 0) == 0) s.insert(name);
        return EventTypes::only(std::move(s));
      }
      return {};
    case NodeKind::bool_lit: return n.bool_value ? EventTypes{} : EventTypes::only({});
    default: return {};
  }
}

// Operands first (a member's object too), then the node itself. This recurses once per
// level of the tree, so the per-node work, with its message strings, is in type_node's
// frame, which does not recurse.
void Checker::type(Node& n) {
  for (auto& a : n.args) type(*a);
  type_node(n);
}

void Checker::type_node(Node& n) {
  switch (n.kind) {
    case NodeKind::null_lit: n.type = T::null_; return;
    case NodeKind::bool_lit: n.type = T::bool_; return;
    case NodeKind::int_lit: n.type = T::int_; return;
    case NodeKind::decimal_lit: n.type = T::decimal; return;
    case NodeKind::string_lit: n.type = T::string; return;
    case NodeKind::ident: {
      for (auto& r : *roots_)
        if (r.name == n.name) {
          n.type = r.type;
          n.slot = r.slot;
          return;
        }
      std::vector<std::string> names;
      for (auto& r : *roots_) names.push_back(r.name);
      for (auto& [k, v] : symbols_.macros) names.push_back(k);
      for (auto& [k, v] : symbols_.lists) names.push_back(k);
      std::string here;
      for (auto& r : *roots_) here += (here.empty() ? "" : ", ") + r.name;
      error(
          code::E201, name_span(n),
          "unknown name '" + n.name + "'" + did_you_mean(n.name, names) + (here.empty() ? "" : " (here: " + here + ", macros and lists)"));
      return;
    }
    case NodeKind::list: {
      n.type = T::list;
      n.elem = T::null_;
      for (auto& a : n.args) {
        if (a->type == T::error) return;
        if (n.elem == T::null_)
          n.elem = a->type;
        else if (numeric(n.elem) && numeric(a->type))
          n.elem = n.elem == T::int_ && a->type == T::int_ ? T::int_ : T::decimal;
        else if (a->type != n.elem && a->type != T::null_) {
          error(code::E204, span(*a),
                std::string("a list's items must have one type: this is ") + quoted(a->type) + ", the first is " + quoted(n.elem));
          return;
        }
      }
      return;
    }
    case NodeKind::unary: {
      T a = n.args[0]->type;
      if (a == T::error) return;
      if (n.op == Op::not_) {
        if (a != T::bool_) return error(code::E204, span(n), "'!' needs true or false, not " + quoted(a));
        n.type = T::bool_;
      } else {
        if (!numeric(a)) return error(code::E204, span(n), "'-' needs a number, not " + quoted(a));
        n.type = a;
      }
      return;
    }
    case NodeKind::binary: type_binary(n); return;
    case NodeKind::ternary: {
      T c = n.args[0]->type, a = n.args[1]->type, b = n.args[2]->type;
      if (c == T::error || a == T::error || b == T::error) return;
      if (c != T::bool_) return error(code::E204, span(*n.args[0]), "the condition of '?:' must be true or false, not " + quoted(c));
      if (a == b)
        n.type = a;
      else if (numeric(a) && numeric(b))
        n.type = T::decimal;
      else if (a == T::null_)
        n.type = b;
      else if (b == T::null_)
        n.type = a;
      else
        return error(code::E204, span(n), "the branches of '?:' differ: " + quoted(a) + " and " + quoted(b));
      n.elem = n.args[1]->elem;
      return;
    }
    case NodeKind::member: type_member(n); return;
    case NodeKind::index: {
      T obj = n.args[0]->type, idx = n.args[1]->type;
      if (obj == T::error || idx == T::error) return;
      if (obj == T::list) {
        if (idx != T::int_) return error(code::E204, span(*n.args[1]), "a list index must be an int, not " + quoted(idx));
        n.type = n.args[0]->elem;
        return;
      }
      if (obj == T::attrs && n.args[1]->kind == NodeKind::string_lit) {
        // attrs["name"] is attrs.name
        n.kind = NodeKind::member;
        n.name = n.args[1]->text;
        n.name_begin = n.args[1]->begin + 1;
        n.args.pop_back();
        type_member(n);
        return;
      }
      return error(code::E204, span(n), "only lists (by position) and attrs (by a quoted name) can be indexed, not " + quoted(obj));
    }
    case NodeKind::call: type_call(n); return;
  }
}

void Checker::type_member(Node& n) {
  Node& obj = *n.args[0];  // typed already, by type() or by the index it was written as
  if (obj.type == T::error) return;
  if (obj.type == T::attrs) {
    // Which event types: the root the attrs belong to.
    const Node* ev = obj.args.empty() ? nullptr : obj.args[0].get();
    EventTypes types;
    if (ev && ev->kind == NodeKind::ident)
      for (auto& r : *roots_)
        if (r.name == ev->name && !r.types.empty()) types = r.types;  // none: W301 says why
    std::vector<std::string> candidates;
    const AttrSpec* found = nullptr;
    for (auto& [name, et] : catalog_.types()) {
      if (!types.all && !types.names.count(name)) continue;
      for (auto& a : et.attrs) {
        candidates.push_back(a.name);
        if (a.name == n.name && !found) found = &a;
      }
    }
    if (!found) {
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      std::string of = types.all ? "any event type" : "event type " + types.str();
      return error(code::E203, name_span(n), "unknown attribute '" + n.name + "' of " + of + did_you_mean(n.name, candidates));
    }
    n.field = Field::attr;
    n.type = attr_t(found->type);
    n.attr = attr_kind(found->type);
    return;
  }
  auto& defs = fields_of(obj.type);
  if (defs.empty()) return error(code::E202, name_span(n), std::string("a value of type ") + quoted(obj.type) + " has no fields");
  std::vector<std::string> names;
  for (auto& d : defs) {
    names.push_back(d.name);
    if (n.name == d.name) {
      n.field = d.field;
      n.type = d.type;
      return;
    }
  }
  std::string all;
  for (auto& x : names) all += (all.empty() ? "" : ", ") + x;
  error(code::E202, name_span(n),
        "unknown field '" + n.name + "' of " + type_name(obj.type) + did_you_mean(n.name, names) + " (" + type_name(obj.type) + " has " +
            all + ")");
}

void Checker::type_call(Node& n) {
  const FnSig* sig = nullptr;
  for (auto& f : functions())
    if (f.name == n.name && f.method == n.method) sig = &f;
  if (!sig) {
    bool other_style = false;
    for (auto& f : functions()) other_style |= f.name == n.name;
    if (other_style)
      return error(code::E205, name_span(n),
                   n.method ? "'" + n.name + "' is a function: write " + n.name + "(x), not x." + n.name + "()"
                            : "'" + n.name + "' is a method: write x." + n.name + "(…)");
    return error(
        code::E205, name_span(n),
        std::string("unknown ") + (n.method ? "method" : "function") + " '" + n.name + "'" + did_you_mean(n.name, fn_names(n.method)));
  }
  n.fn = sig->fn;
  if (n.args.size() != sig->args) {
    size_t shown = sig->method ? sig->args - 1 : sig->args, got = sig->method ? n.args.size() - 1 : n.args.size();
    return error(
        code::E206, name_span(n),
        "'" + n.name + "' takes " + std::to_string(shown) + " argument" + (shown == 1 ? "" : "s") + ", not " + std::to_string(got));
  }
  if (n.fn == Fn::has) {
    Node& a = *n.args[0];
    // A field, or a holder (null when nobody holds the role): the values that can be missing.
    if (a.kind != NodeKind::member && a.kind != NodeKind::index && !(a.kind == NodeKind::call && a.fn == Fn::holder))
      return error(code::E207, span(a), "has() takes a field, such as has(event.attrs.amount), or org.holder(…)");
    if (a.type == T::error) return;
    n.type = T::bool_;
    return;
  }
  for (auto& a : n.args)
    if (a->type == T::error) return;
  auto arg_err = [&](size_t i, const std::string& want) {
    error(code::E207, span(*n.args[i]), "'" + n.name + "' needs " + want + ", not " + quoted(n.args[i]->type));
  };
  auto datelike = [](T t) { return t == T::date || t == T::timestamp; };
  switch (n.fn) {
    case Fn::size:
      if (n.args[0]->type != T::string && n.args[0]->type != T::list) return arg_err(0, "a string or a list");
      n.type = T::int_;
      return;
    case Fn::contains:
    case Fn::starts_with:
    case Fn::ends_with:
    case Fn::matches:
      if (n.args[0]->type != T::string) return arg_err(0, "a string");
      if (n.args[1]->type != T::string) return arg_err(1, "a string");
      if (n.fn == Fn::matches) {
        if (n.args[1]->kind != NodeKind::string_lit)
          return error(code::E212, span(*n.args[1]), "matches() needs a quoted pattern, so it can be checked before the rule runs");
        std::string why;
        n.compiled = compile_pattern(n.args[1]->text, why);
        if (!n.compiled) return error(code::E212, span(*n.args[1]), "not a valid regular expression: " + why);
      }
      n.type = T::bool_;
      return;
    case Fn::date:
      if (n.args[0]->kind == NodeKind::string_lit) {
        if (!Date::parse(n.args[0]->text))
          return error(code::E207, span(*n.args[0]), "date() needs a date YYYY-MM-DD, not \"" + n.args[0]->text + "\"");
      } else if (!datelike(n.args[0]->type)) {
        return arg_err(0, "a timestamp, a date or a quoted date");
      }
      n.type = T::date;
      return;
    case Fn::weekday:
    case Fn::is_workday:
    case Fn::is_holiday:
      if (!datelike(n.args[0]->type)) return arg_err(0, "a date or a timestamp");
      n.type = n.fn == Fn::weekday ? T::int_ : T::bool_;
      return;
    case Fn::hour:
      if (n.args[0]->type != T::timestamp) return arg_err(0, "a timestamp");
      n.type = T::int_;
      return;
    case Fn::string: n.type = T::string; return;
    case Fn::days_between:
    case Fn::workdays_between:
      if (!datelike(n.args[0]->type)) return arg_err(0, "a date or a timestamp");
      if (!datelike(n.args[1]->type)) return arg_err(1, "a date or a timestamp");
      n.type = T::int_;
      return;
    case Fn::add_days:
    case Fn::add_months:
      if (n.args[0]->kind == NodeKind::string_lit && Date::parse(n.args[0]->text)) n.args[0]->type = T::date;
      if (!datelike(n.args[0]->type)) return arg_err(0, "a date or a timestamp");
      if (n.args[1]->type != T::int_) return arg_err(1, "a whole number");
      n.type = T::date;
      return;
    // The org graph: a role or kind is named by a quoted literal, so lint can check it
    // against rules/policy/roles.yaml (E034, E035); the day is explicit, since who holds a
    // role depends on it.
    case Fn::holders:
    case Fn::holders_within:
    case Fn::holder:
    case Fn::holds:
    case Fn::units_within:
    case Fn::people_within: {
      bool of_person = n.fn == Fn::holds;
      if (n.args[0]->type != (of_person ? T::person : T::org)) return arg_err(0, of_person ? "a person" : "an org unit");
      if (n.fn == Fn::people_within) {
        n.type = T::int_;
        return;
      }
      const Node& name = *n.args[1];
      if (name.kind != NodeKind::string_lit)
        return error(code::E207, span(name),
                     "'" + n.name + "' needs a quoted " + (n.fn == Fn::units_within ? "org kind" : "role") +
                         ", so it can be checked before the rule runs");
      if (n.fn == Fn::units_within) {
        n.type = T::int_;
        return;
      }
      if (of_person && n.args[2]->type != T::org) return arg_err(2, "an org unit");
      size_t day = of_person ? 3 : 2;
      if (n.args[day]->kind == NodeKind::string_lit && Date::parse(n.args[day]->text)) n.args[day]->type = T::date;
      if (!datelike(n.args[day]->type)) return arg_err(day, "the day it is judged on (a date, such as period.end or event.date)");
      n.type = n.fn == Fn::holder ? T::person : n.fn == Fn::holds ? T::bool_ : T::int_;
      return;
    }
    default: return;
  }
}

void Checker::check_type_literals(const Node& field_side, const Node& other) {
  if (field_side.kind != NodeKind::member || field_side.field != Field::type) return;
  std::vector<std::string> names;
  for (auto& [k, v] : catalog_.types()) names.push_back(k);
  auto check_one = [&](const Node& lit) {
    if (lit.kind == NodeKind::string_lit && !catalog_.find(lit.text))
      error(code::E209, span(lit),
            "unknown event type \"" + lit.text + "\" (not in the event catalog)" + did_you_mean(lit.text, names) +
                (lit.text.find('.') != std::string::npos && did_you_mean(lit.text, names).empty()
                     ? "; a deployment's own type? name its catalog with --catalog FILE (or lint --db STORE)"
                     : ""));
  };
  if (other.kind == NodeKind::list)
    for (auto& item : other.args) check_one(*item);
  else
    check_one(other);
}

void Checker::type_binary(Node& n) {
  Node& l = *n.args[0];
  Node& r = *n.args[1];
  if (l.type == T::error || r.type == T::error) return;
  auto fail = [&](const std::string& what) {
    error(code::E204, span(n), std::string("'") + op_text(n.op) + "' " + what + ": " + quoted(l.type) + " and " + quoted(r.type));
  };
  // A quoted date compared with a date: checked here, compared as a date when run.
  auto coerce_date = [&](Node& d, Node& s) {
    if (d.type == T::date && s.kind == NodeKind::string_lit) {
      if (!Date::parse(s.text)) {
        error(code::E207, span(s), "not a date YYYY-MM-DD: \"" + s.text + "\"");
        return false;
      }
      s.type = T::date;
    }
    return true;
  };
  switch (n.op) {
    case Op::and_:
    case Op::or_:
      if (l.type != T::bool_ || r.type != T::bool_) return fail("needs true or false on both sides");
      n.type = T::bool_;
      return;
    case Op::eq:
    case Op::ne:
      if (!coerce_date(l, r) || !coerce_date(r, l)) return;
      if (!comparable(l.type, r.type)) return fail("compares values of different types");
      if (l.type == T::list || r.type == T::list) return fail("cannot compare lists; use 'in'");
      check_type_literals(l, r);
      check_type_literals(r, l);
      if (l.type == T::null_ || r.type == T::null_) {
        const Node& v = l.type == T::null_ ? r : l;
        diags_.report(code::W308, span(n),
                      std::string("comparing with null: write ") + (n.op == Op::eq ? "!" : "") + "has(" + print(v) +
                          ") to test whether a value is present");
      }
      n.type = T::bool_;
      return;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      if (!coerce_date(l, r) || !coerce_date(r, l)) return;
      if (!(numeric(l.type) && numeric(r.type)) &&
          !(l.type == r.type && (l.type == T::string || l.type == T::date || l.type == T::timestamp)))
        return fail("compares values that have no order between them");
      n.type = T::bool_;
      return;
    case Op::in:
      if (r.type != T::list) return fail("needs a list on the right");
      if (!comparable(l.type, r.elem) && r.elem != T::null_) return fail("looks for a value in a list of another type");
      check_type_literals(l, r);
      n.type = T::bool_;
      return;
    case Op::add:
      if (l.type == T::string && r.type == T::string) {
        n.type = T::string;
        return;
      }
      [[fallthrough]];
    case Op::sub:
    case Op::mul:
    case Op::div:
      if (!numeric(l.type) || !numeric(r.type)) return fail("needs numbers");
      n.type = l.type == T::int_ && r.type == T::int_ ? T::int_ : T::decimal;
      return;
    case Op::mod:
      if (l.type != T::int_ || r.type != T::int_) return fail("needs whole numbers");
      n.type = T::int_;
      return;
    default: return;
  }
}

}  // namespace jiandu::expr
