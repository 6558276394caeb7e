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
using expr::Op;
using expr::OpCode;

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

Value constant(const expr::Constant& c) {
  switch (c.type) {
    case expr::T::bool_: return c.boolean;
    case expr::T::int_: return c.integer;
    case expr::T::decimal: return c.decimal;
    case expr::T::string: return c.text;
    case expr::T::date: return c.date;
    default: return Null{};
  }
}

}  // namespace

bool Interp::test(const expr::Program& p, Frame& f) const { return truthy(eval(p, f)); }

Value Interp::run(const expr::Program& p, uint32_t at, Frame& f) const {
  const Insn& x = p.code[at];
  switch (x.code) {
    case OpCode::constant: return constant(p.constants[x.k]);
    case OpCode::slot: return f[int(x.k)];
    case OpCode::list: return list(p, x, f);
    case OpCode::is_null: return run(p, p.operand(x, 0), f).is_null();
    case OpCode::not_null: return !run(p, p.operand(x, 0), f).is_null();
    case OpCode::text_in: return text_in(p, x, f);
    case OpCode::not_:
    case OpCode::neg: return unary(x, run(p, p.operand(x, 0), f));
    case OpCode::and_: return truthy(run(p, p.operand(x, 0), f)) && truthy(run(p, p.operand(x, 1), f));
    case OpCode::or_: return truthy(run(p, p.operand(x, 0), f)) || truthy(run(p, p.operand(x, 1), f));
    case OpCode::ternary: return run(p, p.operand(x, truthy(run(p, p.operand(x, 0), f)) ? 1 : 2), f);
    case OpCode::field: return field(x, run(p, p.operand(x, 0), f));
    case OpCode::attr: return attr(p, x, run(p, p.operand(x, 0), f));
    case OpCode::index: {
      Value l = run(p, p.operand(x, 0), f);
      return index(l, run(p, p.operand(x, 1), f));
    }
    case OpCode::call: return call(p, x, f);
    default: return binary(p, x, f);
  }
}

Value Interp::list(const expr::Program& p, const Insn& x, Frame& f) const {
  auto items = std::make_shared<std::vector<Value>>();
  items->reserve(x.count);
  for (size_t i = 0; i < x.count; ++i) items->push_back(run(p, p.operand(x, i), f));
  return List(items);
}

Value Interp::unary(const Insn& x, const Value& v) const {
  if (v.is_null()) return Null{};
  if (x.code == OpCode::not_) return !truthy(v);
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

Value Interp::attr(const expr::Program& p, const Insn& x, const Value& obj) const {
  auto pe = std::get_if<const Event*>(&obj);
  if (!pe) return Null{};
  const std::string& name = p.names[x.k];
  const Attr* a = (*pe)->attrs().find(name);
  return a ? attr_value(*a, x.attr, name, **pe) : Value(Null{});
}

Value Interp::field(const Insn& x, const Value& obj) const {
  if (obj.is_null()) return Null{};
  if (auto pe = std::get_if<const Event*>(&obj)) {
    const Event& e = **pe;
    switch (x.field) {
      case Field::id: return e.id;
      case Field::type: return *e.type_name;
      case Field::ts: return e.ts;
      case Field::date: return e.date;
      case Field::org: return e.org >= 0 ? Value(OrgRef{e.org}) : Value(Null{});
      case Field::person: return e.person >= 0 ? Value(PersonRef{e.person}) : Value(Null{});
      case Field::ref: return e.has_ref ? Value(e.ref) : Value(Null{});
      case Field::attrs: return *pe;  // attrs.X reads the event again
      default: return Null{};
    }
  }
  if (auto o = std::get_if<OrgRef>(&obj)) {
    auto& org = orgs_.orgs()[size_t(o->index)];
    switch (x.field) {
      case Field::id: return org.id;
      case Field::name: return org.name;
      case Field::kind: return org.kind;
      case Field::parent: return org.parent >= 0 ? Value(OrgRef{org.parent}) : Value(Null{});
      default: return Null{};
    }
  }
  if (auto p = std::get_if<PersonRef>(&obj)) {
    auto& person = orgs_.people()[size_t(p->index)];
    switch (x.field) {
      case Field::id: return person.id;
      case Field::name: return person.name;
      case Field::org: return person.org >= 0 ? Value(OrgRef{person.org}) : Value(Null{});
      default: return Null{};
    }
  }
  if (auto pp = std::get_if<const Period*>(&obj)) {
    const Period& p = **pp;
    switch (x.field) {
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

Interp::View Interp::string_view_of(const expr::Program& p, const Insn& x, Frame& f, std::string_view& out) const {
  if (x.type != expr::T::string) return View::none;
  if (x.code == OpCode::constant) {
    const expr::Constant& c = p.constants[x.k];
    if (c.type == expr::T::null_) return View::null;
    if (c.type != expr::T::string) return View::none;
    out = c.text;
    return View::text;
  }
  if (x.code != OpCode::field && x.code != OpCode::attr) return View::none;
  const Insn& obj = p.at(x, 0);
  if (obj.code != OpCode::slot) return View::none;
  const Value& v = f[int(obj.k)];
  if (v.is_null()) return View::null;
  if (auto pe = std::get_if<const Event*>(&v)) {
    if (x.code == OpCode::attr) {  // the string inside the event's parsed attributes
      const Attr* a = (*pe)->attrs().find(p.names[x.k]);
      if (!a || a->kind == Attr::Kind::null) return View::null;
      if (a->kind != Attr::Kind::string) return View::none;  // bad data: the slow path reports it
      out = a->text;
      return View::text;
    }
    switch (x.field) {
      case Field::type: out = *(*pe)->type_name; return View::text;
      case Field::id: out = (*pe)->id; return View::text;
      case Field::ref:
        if (!(*pe)->has_ref) return View::null;
        out = (*pe)->ref;
        return View::text;
      default: return View::none;
    }
  }
  if (x.code == OpCode::attr) return View::none;
  if (auto po = std::get_if<OrgRef>(&v)) {
    auto& org = orgs_.orgs()[size_t(po->index)];
    switch (x.field) {
      case Field::kind: out = org.kind; return View::text;
      case Field::id: out = org.id; return View::text;
      case Field::name: out = org.name; return View::text;
      default: return View::none;
    }
  }
  return View::none;
}

// `x in ["a", "b"]` over a string: its text is one of the set's, without copying it.
bool Interp::text_in(const expr::Program& p, const Insn& x, Frame& f) const {
  const auto& set = p.text_sets[x.k];
  std::string_view a;
  View va = string_view_of(p, p.at(x, 0), f, a);
  if (va == View::none) {
    Value v = run(p, p.operand(x, 0), f);
    auto s = std::get_if<std::string>(&v);
    if (!s) return false;  // missing
    return std::find(set.begin(), set.end(), *s) != set.end();
  }
  return va == View::text && std::find(set.begin(), set.end(), a) != set.end();
}

Value Interp::binary(const expr::Program& p, const Insn& x, Frame& f) const {
  if (x.code == OpCode::eq || x.code == OpCode::ne)
    if (auto fast = compare_strings(p, x, f)) return *fast;
  Value a = run(p, p.operand(x, 0), f);
  return apply(x, a, run(p, p.operand(x, 1), f));
}

// Strings compared without copying them (event.type == "…", org.kind != …); nullopt when
// the operands are not such strings.
std::optional<bool> Interp::compare_strings(const expr::Program& p, const Insn& x, Frame& f) const {
  std::string_view a, b;
  View va = string_view_of(p, p.at(x, 0), f, a);
  if (va == View::none) return std::nullopt;
  View vb = string_view_of(p, p.at(x, 1), f, b);
  if (vb == View::none) return std::nullopt;
  if (va == View::null || vb == View::null) return false;
  return (a == b) == (x.code == OpCode::eq);
}

Value Interp::apply(const Insn& x, const Value& a, const Value& b) const {
  if (x.code == OpCode::eq || x.code == OpCode::ne) {
    if (a.is_null() || b.is_null()) return false;  // a comparison with a missing value is false
    bool eq = equal(a, b);
    return x.code == OpCode::eq ? eq : !eq;
  }
  if (a.is_null() || b.is_null()) {
    if (x.code == OpCode::lt || x.code == OpCode::le || x.code == OpCode::gt || x.code == OpCode::ge || x.code == OpCode::in) return false;
    return Null{};
  }
  switch (x.code) {
    case OpCode::lt:
    case OpCode::le:
    case OpCode::gt:
    case OpCode::ge: {
      auto c = compare(a, b);
      if (!c) return false;
      return x.code == OpCode::lt ? *c < 0 : x.code == OpCode::le ? *c <= 0 : x.code == OpCode::gt ? *c > 0 : *c >= 0;
    }
    case OpCode::in: {
      for (auto& item : *std::get<List>(b))
        if (equal(a, item)) return true;
      return false;
    }
    case OpCode::add:
      if (auto s = std::get_if<std::string>(&a)) return *s + std::get<std::string>(b);
      [[fallthrough]];
    case OpCode::sub:
    case OpCode::mul:
    case OpCode::div:
    case OpCode::mod: {
      Op op = x.code == OpCode::add   ? Op::add
              : x.code == OpCode::sub ? Op::sub
              : x.code == OpCode::mul ? Op::mul
              : x.code == OpCode::div ? Op::div
                                      : Op::mod;
      auto ia = std::get_if<int64_t>(&a), ib = std::get_if<int64_t>(&b);
      if (ia && ib) return checked(op, *ia, *ib);
      double u = *number(a), v = *number(b);
      switch (op) {
        case Op::add: return u + v;
        case Op::sub: return u - v;
        case Op::mul: return u * v;
        case Op::div:
          if (v == 0) throw EvalFault("division by zero");
          return u / v;
        default: break;
      }
      return Null{};
    }
    default: return Null{};
  }
}

Value Interp::call(const expr::Program& p, const Insn& x, Frame& f) const {
  if (x.fn == Fn::has) return !run(p, p.operand(x, 0), f).is_null();
  if (x.fn == Fn::string) return text(run(p, p.operand(x, 0), f));  // as a reader sees it; missing → ""
  std::vector<Value> args;
  args.reserve(x.count);
  for (size_t i = 0; i < x.count; ++i) {
    args.push_back(run(p, p.operand(x, i), f));
    if (args.back().is_null()) return Null{};
  }
  auto str = [&](size_t i) -> const std::string& { return std::get<std::string>(args[i]); };
  switch (x.fn) {
    case Fn::size:
      if (auto s = std::get_if<std::string>(&args[0])) {
        return int64_t(utf8_columns(*s));  // characters, not bytes
      }
      return int64_t(std::get<List>(args[0])->size());
    case Fn::contains: return str(0).find(str(1)) != std::string::npos;
    case Fn::starts_with: return str(0).rfind(str(1), 0) == 0;
    case Fn::ends_with:
      return str(0).size() >= str(1).size() && str(0).compare(str(0).size() - str(1).size(), std::string::npos, str(1)) == 0;
    case Fn::matches: return expr::pattern_found(p.patterns[x.k], str(0));
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
      out += text(eval(p.expr.program(), f));
    } catch (const EvalFault&) {
      out += "?";
    }
  }
  return out;
}

}  // namespace jiandu::eval
