#include "base/utf8.h"
#include "eval/interp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "expr/pattern.h"

namespace jiandu::eval {

using expr::Field;
using expr::Fn;
using expr::Node;
using expr::NodeKind;
using expr::Op;

namespace {

bool truthy(const Value& v) { return std::holds_alternative<bool>(v) && std::get<bool>(v); }

std::optional<double> number(const Value& v) {
  if (auto i = std::get_if<int64_t>(&v)) return double(*i);
  if (auto d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

Date as_date(const Value& v) {
  if (auto d = std::get_if<Date>(&v)) return *d;
  if (auto t = std::get_if<Timestamp>(&v)) return t->local_date();
  if (auto s = std::get_if<std::string>(&v)) {
    if (auto d = Date::parse(*s)) return *d;
    throw EvalFault("'" + *s + "' is not a date");
  }
  throw EvalFault("not a date");
}

// -1, 0, 1; nullopt when the two cannot be ordered.
std::optional<int> compare(const Value& a, const Value& b) {
  auto na = number(a), nb = number(b);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  if (a.index() != b.index()) {
    // A date against a quoted date (the checker allowed it).
    if (std::holds_alternative<Date>(a) || std::holds_alternative<Date>(b)) {
      Date x = as_date(a), y = as_date(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return std::nullopt;
  }
  return std::visit(
      [&](const auto& x) -> std::optional<int> {
        using X = std::decay_t<decltype(x)>;
        const X& y = std::get<X>(b);
        if constexpr (std::is_same_v<X, std::string>)
          return x < y ? -1 : x > y ? 1 : 0;
        else if constexpr (std::is_same_v<X, Date>)
          return x < y ? -1 : x > y ? 1 : 0;
        else if constexpr (std::is_same_v<X, Timestamp>)
          return x.utc < y.utc ? -1 : x.utc > y.utc ? 1 : 0;
        else if constexpr (std::is_same_v<X, bool>)
          return int(x) - int(y);
        else if constexpr (std::is_same_v<X, OrgRef> || std::is_same_v<X, PersonRef>)
          return x.index == y.index ? 0 : 1;
        else if constexpr (std::is_same_v<X, const Event*>)
          return x == y ? 0 : 1;
        else
          return std::nullopt;
      },
      a);
}

// Whole-number arithmetic that cannot wrap: a result outside int64 is a fault of the data
// (counted, reported as an unjudged obligation), never a wrapped number that makes a rule
// miss a violation, and never the SIGFPE of INT64_MIN / -1.
int64_t checked(Op op, int64_t a, int64_t b) {
  int64_t r = 0;
  bool over = false;
  switch (op) {
    case Op::add: over = __builtin_add_overflow(a, b, &r); break;
    case Op::sub: over = __builtin_sub_overflow(a, b, &r); break;
    case Op::mul: over = __builtin_mul_overflow(a, b, &r); break;
    case Op::div:
    case Op::mod:
      if (b == 0) throw EvalFault("division by zero");
      if (b == -1) {                  // the one quotient that does not fit: INT64_MIN / -1
        if (op == Op::mod) return 0;  // x % -1 is 0 for every x, though the CPU traps on it
        over = __builtin_sub_overflow(int64_t(0), a, &r);
        break;
      }
      return op == Op::div ? a / b : a % b;
    default: break;
  }
  if (over)
    throw EvalFault("integer overflow in " + std::to_string(a) + " " + expr::op_text(op) + " " + std::to_string(b) +
                    " (the result is beyond the 64-bit int range)");
  return r;
}

bool equal(const Value& a, const Value& b) {
  auto c = compare(a, b);
  return c && *c == 0;
}

Value attr_value(const Attr& a, expr::AttrKind kind, const std::string& name, const Event& e) {
  using K = Attr::Kind;
  if (a.kind == K::null) return Null{};
  auto bad = [&]() -> Value {
    throw EvalFault("event " + e.id + ": attribute '" + name + "' is " + a.dump() + ", not what the catalog says");
  };
  switch (kind) {
    case expr::AttrKind::string: return a.kind == K::string ? Value(a.text) : bad();
    case expr::AttrKind::int_:
      // An unsigned beyond int64 (import refuses it; an older store may hold one) would read
      // as a negative number.
      if (a.kind == K::big_unsigned)
        throw EvalFault("event " + e.id + ": attribute '" + name + "' is " + a.dump() + ", beyond the int range");
      return a.kind == K::integer ? Value(a.integer) : bad();
    case expr::AttrKind::decimal: return a.is_number() ? Value(a.decimal) : bad();
    case expr::AttrKind::boolean: return a.kind == K::boolean ? Value(a.boolean) : bad();
    case expr::AttrKind::date:
      if (a.kind == K::string)
        if (auto d = Date::parse(a.text)) return *d;
      return bad();
    case expr::AttrKind::timestamp:
      if (a.kind == K::string && a.text.size() >= 10)
        if (auto d = Date::parse(a.text.substr(0, 10))) return Timestamp{int64_t(d->days) * 86400 - e.ts.offset, e.ts.offset};
      return bad();
    case expr::AttrKind::none: return Null{};
  }
  return Null{};
}

}  // namespace

bool Interp::test(const Node& n, Frame& f) const { return truthy(eval(n, f)); }

Value Interp::eval(const Node& n, Frame& f) const {
  switch (n.kind) {
    case NodeKind::null_lit: return Null{};
    case NodeKind::bool_lit: return n.bool_value;
    case NodeKind::int_lit: return n.int_value;
    case NodeKind::decimal_lit: return n.decimal_value;
    case NodeKind::string_lit:
      if (n.type == expr::T::date) return *Date::parse(n.text);  // checked: a quoted date
      return n.text;
    case NodeKind::ident: return f[n.slot];
    case NodeKind::list: {
      auto items = std::make_shared<std::vector<Value>>();
      for (auto& a : n.args) items->push_back(eval(*a, f));
      return List(items);
    }
    case NodeKind::unary: return unary(n, eval(*n.args[0], f));
    case NodeKind::binary: return binary(n, f);
    case NodeKind::ternary: return truthy(eval(*n.args[0], f)) ? eval(*n.args[1], f) : eval(*n.args[2], f);
    case NodeKind::member: return member(n, f);
    case NodeKind::index: {
      Value l = eval(*n.args[0], f);
      return index(l, eval(*n.args[1], f));
    }
    case NodeKind::call: return call(n, f);
  }
  return Null{};
}

// eval() and the functions it recurses through (member, binary) run once per level of the
// tree (up to 2048 levels, parser.h): the work per node is in the helpers marked noinline,
// so that the recursive frames stay small, also in a sanitizer build.
Value Interp::unary(const Node& n, const Value& v) const {
  if (v.is_null()) return Null{};
  if (n.op == Op::not_) return !truthy(v);
  if (auto i = std::get_if<int64_t>(&v)) {
    if (*i == std::numeric_limits<int64_t>::min())
      throw EvalFault("integer overflow in -(" + std::to_string(*i) + ") (the result is beyond the 64-bit int range)");
    return -*i;
  }
  return -std::get<double>(v);
}

Value Interp::index(const Value& l, const Value& i) const {
  if (l.is_null() || i.is_null()) return Null{};
  auto& list = *std::get<List>(l);
  int64_t k = std::get<int64_t>(i);
  if (k < 0 || size_t(k) >= list.size()) return Null{};
  return list[size_t(k)];
}

Value Interp::member(const Node& n, Frame& f) const { return field(n, eval(*n.args[0], f)); }

Value Interp::field(const Node& n, const Value& obj) const {
  if (obj.is_null()) return Null{};
  if (auto pe = std::get_if<const Event*>(&obj)) {
    const Event& e = **pe;
    switch (n.field) {
      case Field::id: return e.id;
      case Field::type: return *e.type_name;
      case Field::ts: return e.ts;
      case Field::date: return e.date;
      case Field::org: return e.org >= 0 ? Value(OrgRef{e.org}) : Value(Null{});
      case Field::person: return e.person >= 0 ? Value(PersonRef{e.person}) : Value(Null{});
      case Field::ref: return e.has_ref ? Value(e.ref) : Value(Null{});
      case Field::attrs: return *pe;  // attrs.X reads the event again
      case Field::attr: {
        const Attr* a = e.attrs().find(n.name);
        return a ? attr_value(*a, n.attr, n.name, e) : Value(Null{});
      }
      default: return Null{};
    }
  }
  if (auto o = std::get_if<OrgRef>(&obj)) {
    auto& org = orgs_.orgs()[size_t(o->index)];
    switch (n.field) {
      case Field::id: return org.id;
      case Field::name: return org.name;
      case Field::kind: return org.kind;
      case Field::parent: return org.parent >= 0 ? Value(OrgRef{org.parent}) : Value(Null{});
      default: return Null{};
    }
  }
  if (auto p = std::get_if<PersonRef>(&obj)) {
    auto& person = orgs_.people()[size_t(p->index)];
    switch (n.field) {
      case Field::id: return person.id;
      case Field::name: return person.name;
      case Field::org: return person.org >= 0 ? Value(OrgRef{person.org}) : Value(Null{});
      default: return Null{};
    }
  }
  if (auto pp = std::get_if<const Period*>(&obj)) {
    const Period& p = **pp;
    switch (n.field) {
      case Field::start: return p.start;
      case Field::end: return p.end;
      case Field::label: return p.label;
      case Field::date: return p.due;
      case Field::year: return int64_t(p.start.year());
      default: return Null{};
    }
  }
  return Null{};
}

Interp::View Interp::string_view_of(const Node& n, Frame& f, std::string_view& out) const {
  if (n.type != expr::T::string) return View::none;
  if (n.kind == NodeKind::string_lit) {
    out = n.text;
    return View::text;
  }
  if (n.kind != NodeKind::member) return View::none;
  const Node& obj = *n.args[0];
  if (obj.kind == NodeKind::ident) {
    const Value& v = f[obj.slot];
    if (v.is_null()) return View::null;
    if (auto pe = std::get_if<const Event*>(&v)) {
      switch (n.field) {
        case Field::type: out = *(*pe)->type_name; return View::text;
        case Field::id: out = (*pe)->id; return View::text;
        case Field::ref:
          if (!(*pe)->has_ref) return View::null;
          out = (*pe)->ref;
          return View::text;
        default: return View::none;
      }
    }
    if (auto po = std::get_if<OrgRef>(&v)) {
      auto& org = orgs_.orgs()[size_t(po->index)];
      switch (n.field) {
        case Field::kind: out = org.kind; return View::text;
        case Field::id: out = org.id; return View::text;
        case Field::name: out = org.name; return View::text;
        default: return View::none;
      }
    }
    return View::none;
  }
  // event.attrs.X: the string inside the event's parsed attributes.
  if (n.field == Field::attr && obj.kind == NodeKind::member && obj.args[0]->kind == NodeKind::ident) {
    const Value& v = f[obj.args[0]->slot];
    auto pe = std::get_if<const Event*>(&v);
    if (!pe) return v.is_null() ? View::null : View::none;
    const Attr* a = (*pe)->attrs().find(n.name);
    if (!a || a->kind == Attr::Kind::null) return View::null;
    if (a->kind != Attr::Kind::string) return View::none;  // bad data: the slow path reports it
    out = a->text;
    return View::text;
  }
  return View::none;
}

Value Interp::binary(const Node& n, Frame& f) const {
  if (n.op == Op::and_) return truthy(eval(*n.args[0], f)) && truthy(eval(*n.args[1], f));
  if (n.op == Op::or_) return truthy(eval(*n.args[0], f)) || truthy(eval(*n.args[1], f));
  if (n.op == Op::eq || n.op == Op::ne || n.op == Op::in)
    if (auto fast = compare_strings(n, f)) return *fast;
  Value a = eval(*n.args[0], f);
  return apply(n, a, eval(*n.args[1], f));
}

// Strings compared without copying them (event.type == "…", org.kind in […]); nullopt
// when the operands are not such strings.
std::optional<bool> Interp::compare_strings(const Node& n, Frame& f) const {
  {
    std::string_view a, b;
    View va = string_view_of(*n.args[0], f, a);
    if (va != View::none) {
      if (n.op == Op::in && n.args[1]->kind == NodeKind::list) {
        if (va == View::null) return false;
        bool all_lit = true, found = false;
        for (auto& item : n.args[1]->args) {
          if (item->kind != NodeKind::string_lit) {
            all_lit = false;
            break;
          }
          found |= item->text == a;
        }
        if (all_lit) return found;
      } else if (n.op != Op::in && n.args[1]->kind != NodeKind::null_lit) {
        View vb = string_view_of(*n.args[1], f, b);
        if (vb != View::none) {
          if (va == View::null || vb == View::null) return false;
          return (a == b) == (n.op == Op::eq);
        }
      }
    }
  }
  return std::nullopt;
}

Value Interp::apply(const Node& n, const Value& a, const Value& b) const {
  bool lit_null = n.args[0]->kind == NodeKind::null_lit || n.args[1]->kind == NodeKind::null_lit;
  if (n.op == Op::eq || n.op == Op::ne) {
    if (lit_null) {  // an explicit test for a missing value
      bool is = (n.args[0]->kind == NodeKind::null_lit ? b : a).is_null();
      return n.op == Op::eq ? is : !is;
    }
    if (a.is_null() || b.is_null()) return false;  // a comparison with a missing value is false
    bool eq = equal(a, b);
    return n.op == Op::eq ? eq : !eq;
  }
  if (a.is_null() || b.is_null()) {
    if (n.op == Op::lt || n.op == Op::le || n.op == Op::gt || n.op == Op::ge || n.op == Op::in) return false;
    return Null{};
  }
  switch (n.op) {
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      auto c = compare(a, b);
      if (!c) return false;
      return n.op == Op::lt ? *c < 0 : n.op == Op::le ? *c <= 0 : n.op == Op::gt ? *c > 0 : *c >= 0;
    }
    case Op::in: {
      for (auto& item : *std::get<List>(b))
        if (equal(a, item)) return true;
      return false;
    }
    case Op::add:
      if (auto s = std::get_if<std::string>(&a)) return *s + std::get<std::string>(b);
      [[fallthrough]];
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod: {
      auto ia = std::get_if<int64_t>(&a), ib = std::get_if<int64_t>(&b);
      if (ia && ib) return checked(n.op, *ia, *ib);
      double x = *number(a), y = *number(b);
      switch (n.op) {
        case Op::add: return x + y;
        case Op::sub: return x - y;
        case Op::mul: return x * y;
        case Op::div:
          if (y == 0) throw EvalFault("division by zero");
          return x / y;
        default: break;
      }
      return Null{};
    }
    default: return Null{};
  }
}

Value Interp::call(const Node& n, Frame& f) const {
  if (n.fn == Fn::has) return !eval(*n.args[0], f).is_null();
  if (n.fn == Fn::string) return text(eval(*n.args[0], f));  // as a reader sees it; missing → ""
  std::vector<Value> args;
  for (auto& a : n.args) {
    args.push_back(eval(*a, f));
    if (args.back().is_null()) return Null{};
  }
  auto str = [&](size_t i) -> const std::string& { return std::get<std::string>(args[i]); };
  switch (n.fn) {
    case Fn::size:
      if (auto s = std::get_if<std::string>(&args[0])) {
        return int64_t(utf8_columns(*s));  // characters, not bytes
      }
      return int64_t(std::get<List>(args[0])->size());
    case Fn::contains: return str(0).find(str(1)) != std::string::npos;
    case Fn::starts_with: return str(0).rfind(str(1), 0) == 0;
    case Fn::ends_with:
      return str(0).size() >= str(1).size() && str(0).compare(str(0).size() - str(1).size(), std::string::npos, str(1)) == 0;
    case Fn::matches: return expr::pattern_found(n.compiled, str(0));
    case Fn::date: return as_date(args[0]);
    case Fn::weekday: return int64_t(as_date(args[0]).weekday());
    case Fn::hour: {
      auto t = std::get<Timestamp>(args[0]);
      return int64_t((t.local_seconds() - int64_t(t.local_date().days) * 86400) / 3600);
    }
    case Fn::is_workday: return cal_.is_workday(as_date(args[0]));
    case Fn::is_holiday: return cal_.is_holiday(as_date(args[0]));
    case Fn::days_between: return int64_t(as_date(args[1]).days - as_date(args[0]).days);
    case Fn::workdays_between: return cal_.workdays_between(as_date(args[0]), as_date(args[1]));
    // Bounded so the day stays a day (±100 years): a larger count in the data is a fault.
    case Fn::add_days: {
      int64_t k = std::get<int64_t>(args[1]);
      if (k < -36600 || k > 36600) throw EvalFault("add_days by " + std::to_string(k) + " days: more than 100 years");
      return as_date(args[0]).add_days(int(k));
    }
    case Fn::add_months: {
      int64_t k = std::get<int64_t>(args[1]);
      if (k < -1200 || k > 1200) throw EvalFault("add_months by " + std::to_string(k) + " months: more than 100 years");
      return as_date(args[0]).add_months(int(k));
    }
    case Fn::holders: {
      auto h = orgs_.holders(std::get<OrgRef>(args[0]).index, str(1), as_date(args[2]));
      std::sort(h.begin(), h.end());
      return int64_t(std::unique(h.begin(), h.end()) - h.begin());
    }
    case Fn::holders_within: return int64_t(orgs_.holders_within(std::get<OrgRef>(args[0]).index, str(1), as_date(args[2])).size());
    case Fn::holder: {
      auto h = orgs_.holders(std::get<OrgRef>(args[0]).index, str(1), as_date(args[2]));
      return h.empty() ? Value(Null{}) : Value(PersonRef{h.front()});
    }
    case Fn::holds: {
      auto h = orgs_.holders(std::get<OrgRef>(args[2]).index, str(1), as_date(args[3]));
      return std::find(h.begin(), h.end(), std::get<PersonRef>(args[0]).index) != h.end();
    }
    case Fn::units_within: return orgs_.units_within(std::get<OrgRef>(args[0]).index, str(1));
    case Fn::people_within: return orgs_.people_within(std::get<OrgRef>(args[0]).index);
    default: return Null{};
  }
}

std::string Interp::text(const Value& v) const {
  return std::visit(
      [&](const auto& x) -> std::string {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, Null>)
          return "";
        else if constexpr (std::is_same_v<X, bool>)
          return x ? "是" : "否";
        else if constexpr (std::is_same_v<X, int64_t>)
          return std::to_string(x);
        else if constexpr (std::is_same_v<X, double>) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.2f", x);
          std::string s = buf;
          while (s.back() == '0') s.pop_back();
          if (s.back() == '.') s.pop_back();
          return s;
        } else if constexpr (std::is_same_v<X, std::string>)
          return x;
        else if constexpr (std::is_same_v<X, Date>)
          return x.str();
        else if constexpr (std::is_same_v<X, Timestamp>)
          return x.str().substr(0, 16);
        else if constexpr (std::is_same_v<X, List>) {
          std::string s;
          for (auto& i : *x) s += (s.empty() ? "" : "、") + text(i);
          return s;
        } else if constexpr (std::is_same_v<X, const Event*>)
          return x->id;
        else if constexpr (std::is_same_v<X, OrgRef>)
          return orgs_.orgs()[size_t(x.index)].name;
        else if constexpr (std::is_same_v<X, PersonRef>)
          return orgs_.people()[size_t(x.index)].name;
        else
          return x->label;
      },
      v);
}

std::string Interp::render(const check::Template& t, Frame& f) const {
  std::string out;
  for (auto& p : t.parts) {
    if (!p.expr) {
      out += p.text;
      continue;
    }
    try {
      out += text(eval(*p.expr, f));
    } catch (const EvalFault&) {
      out += "?";
    }
  }
  return out;
}

}  // namespace jiandu::eval
