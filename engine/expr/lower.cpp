#include "expr/lower.h"

#include <fmt/format.h>

#include "base/names.h"
#include "base/utf8.h"
#include "expr/parser.h"

namespace jiandu::expr {
namespace {

// An instruction counts its operands in 16 bits: no expression has more nodes than that.
static_assert(kMaxNodes <= UINT16_MAX);

Constant of_null() { return Constant{}; }
Constant of_bool(bool b) { return Constant{.type = T::bool_, .boolean = b}; }
Constant of_int(int64_t i) { return Constant{.type = T::int_, .integer = i}; }
Constant of_decimal(double d) { return Constant{.type = T::decimal, .decimal = d}; }
Constant of_text(std::string s) { return Constant{.type = T::string, .text = std::move(s)}; }
Constant of_date(Date d) { return Constant{.type = T::date, .date = d}; }

bool truthy(const Constant& c) { return c.type == T::bool_ && c.boolean; }
bool is_number(const Constant& c) { return c.type == T::int_ || c.type == T::decimal; }
double as_double(const Constant& c) { return c.type == T::int_ ? double(c.integer) : c.decimal; }

// The whole-number result the evaluator would give, or false where it would fault (overflow,
// division by zero): such an expression is left for the run to report.
bool fold_int(Op op, int64_t a, int64_t b, int64_t& r) {
  switch (op) {
    case Op::add: return !__builtin_add_overflow(a, b, &r);
    case Op::sub: return !__builtin_sub_overflow(a, b, &r);
    case Op::mul: return !__builtin_mul_overflow(a, b, &r);
    case Op::div:
    case Op::mod:
      if (b == 0) return false;
      if (b == -1) {
        if (op == Op::mod) return r = 0, true;
        return !__builtin_sub_overflow(int64_t(0), a, &r);
      }
      r = op == Op::div ? a / b : a % b;
      return true;
    default: return false;
  }
}

// -1, 0, 1 for two constants the evaluator orders the same way; nullopt for any other pair.
std::optional<int> order(const Constant& a, const Constant& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  if (is_number(a) && is_number(b)) return sign(as_double(a), as_double(b));
  if (a.type != b.type) return std::nullopt;
  switch (a.type) {
    case T::string: return sign(a.text, b.text);
    case T::date: return sign(a.date, b.date);
    case T::bool_: return int(a.boolean) - int(b.boolean);
    default: return std::nullopt;
  }
}

class Lowerer {
 public:
  explicit Lowerer(Program& p) : p_(p) {}

  uint32_t node(const Node& n) {
    switch (n.kind) {
      case NodeKind::null_lit: return constant(n, of_null());
      case NodeKind::bool_lit: return constant(n, of_bool(n.bool_value));
      case NodeKind::int_lit: return constant(n, of_int(n.int_value));
      case NodeKind::decimal_lit: return constant(n, of_decimal(n.decimal_value));
      case NodeKind::string_lit: return string_literal(n);
      case NodeKind::ident: return emit(n, OpCode::slot, {}, uint32_t(n.slot), name(n.name));
      case NodeKind::list: return operands_of(n, OpCode::list);
      case NodeKind::unary: return unary(n);
      case NodeKind::binary: return binary(n);
      case NodeKind::ternary: return ternary(n);
      case NodeKind::member: return member(n);
      case NodeKind::index: return operands_of(n, OpCode::index);
      case NodeKind::call: return call(n);
    }
    return constant(n, of_null());
  }

 private:
  struct Mark {
    size_t code, operands, constants;
  };
  Mark mark() const { return {p_.code.size(), p_.operands.size(), p_.constants.size()}; }
  // Forgets what was emitted since `m`: the operands of a fold.
  void rewind(Mark m) {
    p_.code.resize(m.code);
    p_.operands.resize(m.operands);
    p_.constants.resize(m.constants);
  }
  const Constant* constant_at(uint32_t i) const {
    const Insn& x = p_.code[i];
    return x.code == OpCode::constant ? &p_.constants[x.k] : nullptr;
  }

  uint32_t emit(const Node& n, OpCode code, const std::vector<uint32_t>& ops, uint32_t k = 0, uint32_t nm = 0) {
    Insn x;
    x.code = code;
    x.type = n.type;
    x.field = n.field;
    x.fn = n.fn;
    x.attr = n.attr;
    x.first = uint32_t(p_.operands.size());
    x.count = uint16_t(ops.size());
    p_.operands.insert(p_.operands.end(), ops.begin(), ops.end());
    x.k = k;
    x.name = nm;
    x.begin = n.begin;
    x.end = n.end;
    p_.code.push_back(x);
    return uint32_t(p_.code.size() - 1);
  }
  uint32_t constant(const Node& n, Constant c) {
    p_.constants.push_back(std::move(c));
    return emit(n, OpCode::constant, {}, uint32_t(p_.constants.size() - 1));
  }
  // Replaces what was emitted since `m` with the constant `c`.
  uint32_t fold(Mark m, const Node& n, Constant c) {
    rewind(m);
    return constant(n, std::move(c));
  }
  uint32_t name(const std::string& s) {
    for (size_t i = 0; i < p_.names.size(); ++i)
      if (p_.names[i] == s) return uint32_t(i);
    p_.names.push_back(s);
    return uint32_t(p_.names.size() - 1);
  }

  [[gnu::noinline]] uint32_t string_literal(const Node& n) {
    if (n.type == T::date)  // checked: a quoted date, parsed here once
      if (auto d = Date::parse(n.text)) return constant(n, of_date(*d));
    return constant(n, of_text(n.text));
  }

  uint32_t operands_of(const Node& n, OpCode code, uint32_t k = 0) {
    std::vector<uint32_t> ops;
    ops.reserve(n.args.size());
    for (auto& a : n.args) ops.push_back(node(*a));
    return emit(n, code, ops, k, n.name.empty() ? 0 : name(n.name));
  }

  uint32_t unary(const Node& n) {
    Mark m = mark();
    uint32_t a = node(*n.args[0]);
    return unary_of(m, n, a);
  }
  [[gnu::noinline]] uint32_t unary_of(Mark m, const Node& n, uint32_t a) {
    if (const Constant* c = constant_at(a)) {
      if (c->type == T::null_) return fold(m, n, of_null());
      if (n.op == Op::not_) return fold(m, n, of_bool(!truthy(*c)));
      if (c->type == T::int_ && c->integer != INT64_MIN) return fold(m, n, of_int(-c->integer));
      if (c->type == T::decimal) return fold(m, n, of_decimal(-c->decimal));
    }
    return emit(n, n.op == Op::not_ ? OpCode::not_ : OpCode::neg, {a});
  }

  uint32_t binary(const Node& n) {
    const Node &l = *n.args[0], &r = *n.args[1];
    Mark m = mark();
    if ((n.op == Op::eq || n.op == Op::ne) && (l.kind == NodeKind::null_lit || r.kind == NodeKind::null_lit))
      return null_test(m, n, node(l.kind == NodeKind::null_lit ? r : l));
    if (n.op == Op::in && in_texts(n)) return text_in(m, n, node(l));
    uint32_t a = node(l);
    if (n.op == Op::and_ || n.op == Op::or_)
      if (const Constant* c = constant_at(a))
        if (truthy(*c) == (n.op == Op::or_)) return fold(m, n, of_bool(truthy(*c)));  // the right side is never read
    uint32_t b = node(r);
    return binary_of(m, n, a, b);
  }

  // `x == null`: whether x is missing. (`null == null` holds.)
  [[gnu::noinline]] uint32_t null_test(Mark m, const Node& n, uint32_t a) {
    if (const Constant* c = constant_at(a)) return fold(m, n, of_bool((c->type == T::null_) == (n.op == Op::eq)));
    return emit(n, n.op == Op::eq ? OpCode::is_null : OpCode::not_null, {a});
  }

  // A string against a list written as string literals: one membership test.
  static bool in_texts(const Node& n) {
    if (n.args[0]->type != T::string || n.args[1]->kind != NodeKind::list) return false;
    for (auto& item : n.args[1]->args)
      if (item->kind != NodeKind::string_lit) return false;
    return true;
  }
  [[gnu::noinline]] uint32_t text_in(Mark m, const Node& n, uint32_t a) {
    std::vector<std::string> set;
    for (auto& item : n.args[1]->args) set.push_back(item->text);
    if (const Constant* c = constant_at(a)) {
      bool found = false;
      if (c->type == T::string)
        for (auto& s : set) found |= s == c->text;
      return fold(m, n, of_bool(found));
    }
    p_.text_sets.push_back(std::move(set));
    return emit(n, OpCode::text_in, {a}, uint32_t(p_.text_sets.size() - 1));
  }

  [[gnu::noinline]] uint32_t binary_of(Mark m, const Node& n, uint32_t a, uint32_t b) {
    static constexpr std::pair<Op, OpCode> kCodes[] = {
        {Op::and_, OpCode::and_}, {Op::or_, OpCode::or_}, {Op::eq, OpCode::eq},   {Op::ne, OpCode::ne},  {Op::lt, OpCode::lt},
        {Op::le, OpCode::le},     {Op::gt, OpCode::gt},   {Op::ge, OpCode::ge},   {Op::in, OpCode::in},  {Op::add, OpCode::add},
        {Op::sub, OpCode::sub},   {Op::mul, OpCode::mul}, {Op::div, OpCode::div}, {Op::mod, OpCode::mod}};
    OpCode code = OpCode::eq;
    for (auto& [op, c] : kCodes)
      if (op == n.op) code = c;
    const Constant *x = constant_at(a), *y = constant_at(b);
    if (x && y)
      if (auto c = fold_binary(n.op, *x, *y)) return fold(m, n, std::move(*c));
    return emit(n, code, {a, b});
  }

  // The value of `x op y` where the evaluator is sure to give it; nullopt where it would
  // fault or the pair is one folding leaves alone.
  static std::optional<Constant> fold_binary(Op op, const Constant& x, const Constant& y) {
    if (x.type == T::null_ || y.type == T::null_) return std::nullopt;
    switch (op) {
      case Op::and_: return of_bool(truthy(x) && truthy(y));
      case Op::or_: return of_bool(truthy(x) || truthy(y));
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        auto c = order(x, y);
        if (!c) return std::nullopt;
        bool v = op == Op::eq   ? *c == 0
                 : op == Op::ne ? *c != 0
                 : op == Op::lt ? *c < 0
                 : op == Op::le ? *c <= 0
                 : op == Op::gt ? *c > 0
                                : *c >= 0;
        return of_bool(v);
      }
      case Op::add:
        if (x.type == T::string && y.type == T::string) return of_text(x.text + y.text);
        [[fallthrough]];
      case Op::sub:
      case Op::mul:
      case Op::div:
      case Op::mod: {
        if (!is_number(x) || !is_number(y)) return std::nullopt;
        if (x.type == T::int_ && y.type == T::int_) {
          int64_t r = 0;
          if (!fold_int(op, x.integer, y.integer, r)) return std::nullopt;
          return of_int(r);
        }
        double a = as_double(x), b = as_double(y);
        switch (op) {
          case Op::add: return of_decimal(a + b);
          case Op::sub: return of_decimal(a - b);
          case Op::mul: return of_decimal(a * b);
          case Op::div:
            if (b == 0) return std::nullopt;
            return of_decimal(a / b);
          default: return std::nullopt;  // % of a decimal: what the run gives (null)
        }
      }
      default: return std::nullopt;
    }
  }

  uint32_t ternary(const Node& n) {
    Mark m = mark();
    uint32_t c = node(*n.args[0]);
    if (const Constant* k = constant_at(c)) {
      bool yes = truthy(*k);
      rewind(m);
      return node(*n.args[yes ? 1 : 2]);
    }
    uint32_t a = node(*n.args[1]);
    uint32_t b = node(*n.args[2]);
    return emit(n, OpCode::ternary, {c, a, b});
  }

  uint32_t member(const Node& n) {
    if (n.field == Field::attr) {
      // `X.attrs.NAME`: one read of the event X's attribute.
      const Node& obj = *n.args[0];
      const Node& event = obj.kind == NodeKind::member && obj.field == Field::attrs ? *obj.args[0] : obj;
      uint32_t e = node(event);
      uint32_t nm = name(n.name);
      return emit(n, OpCode::attr, {e}, nm, nm);
    }
    uint32_t o = node(*n.args[0]);
    return emit(n, OpCode::field, {o}, 0, name(n.name));
  }

  uint32_t call(const Node& n) {
    Mark m = mark();
    uint32_t k = 0;
    if (n.fn == Fn::matches) {
      p_.patterns.push_back(n.compiled);
      k = uint32_t(p_.patterns.size() - 1);
    }
    uint32_t at = operands_of(n, OpCode::call, k);
    return call_of(m, n, at);
  }

  [[gnu::noinline]] uint32_t call_of(Mark m, const Node& n, uint32_t at) {
    const Insn& x = p_.code[at];
    std::vector<const Constant*> args;
    for (size_t i = 0; i < x.count; ++i) {
      const Constant* c = constant_at(p_.operand(x, i));
      if (!c) return at;
      args.push_back(c);
    }
    if (n.fn == Fn::has) return fold(m, n, of_bool(args[0]->type != T::null_));
    for (auto* c : args)
      if (c->type == T::null_) return at;  // the run gives null; folding leaves it
    auto date = [&](size_t i) -> std::optional<Date> {
      if (args[i]->type == T::date) return args[i]->date;
      if (args[i]->type == T::string) return Date::parse(args[i]->text);
      return std::nullopt;
    };
    auto text = [&](size_t i) -> const std::string* { return args[i]->type == T::string ? &args[i]->text : nullptr; };
    switch (n.fn) {
      case Fn::date:
        if (auto d = date(0)) return fold(m, n, of_date(*d));
        break;
      case Fn::weekday:
        if (auto d = date(0)) return fold(m, n, of_int(int64_t(d->weekday())));
        break;
      case Fn::days_between:
        if (auto a = date(0), b = date(1); a && b) return fold(m, n, of_int(int64_t(b->days) - a->days));
        break;
      case Fn::add_days:
      case Fn::add_months: {
        auto d = date(0);
        if (!d || args[1]->type != T::int_) break;
        int64_t by = args[1]->integer, most = n.fn == Fn::add_days ? 36600 : 1200;  // the evaluator's bounds
        if (by < -most || by > most) break;
        return fold(m, n, of_date(n.fn == Fn::add_days ? d->add_days(int(by)) : d->add_months(int(by))));
      }
      case Fn::size:
        if (auto s = text(0)) return fold(m, n, of_int(int64_t(utf8_columns(*s))));
        break;
      case Fn::contains:
      case Fn::starts_with:
      case Fn::ends_with: {
        auto s = text(0), t = text(1);
        if (!s || !t) break;
        bool v = n.fn == Fn::contains      ? s->find(*t) != std::string::npos
                 : n.fn == Fn::starts_with ? s->rfind(*t, 0) == 0
                                           : s->size() >= t->size() && s->compare(s->size() - t->size(), std::string::npos, *t) == 0;
        return fold(m, n, of_bool(v));
      }
      default: break;  // the calendar and the org graph are the run's; string() is a message's
    }
    return at;
  }

  Program& p_;
};

constexpr Named<OpCode> kCodes[] = {{OpCode::constant, "const"},
                                    {OpCode::slot, "slot"},
                                    {OpCode::list, "list"},
                                    {OpCode::is_null, "is_null"},
                                    {OpCode::not_null, "not_null"},
                                    {OpCode::text_in, "in_texts"},
                                    {OpCode::not_, "not"},
                                    {OpCode::neg, "neg"},
                                    {OpCode::and_, "and"},
                                    {OpCode::or_, "or"},
                                    {OpCode::ternary, "select"},
                                    {OpCode::eq, "eq"},
                                    {OpCode::ne, "ne"},
                                    {OpCode::lt, "lt"},
                                    {OpCode::le, "le"},
                                    {OpCode::gt, "gt"},
                                    {OpCode::ge, "ge"},
                                    {OpCode::in, "in"},
                                    {OpCode::add, "add"},
                                    {OpCode::sub, "sub"},
                                    {OpCode::mul, "mul"},
                                    {OpCode::div, "div"},
                                    {OpCode::mod, "mod"},
                                    {OpCode::field, "field"},
                                    {OpCode::attr, "attr"},
                                    {OpCode::index, "index"},
                                    {OpCode::call, "call"}};
static_assert(in_order(kCodes));

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string constant_text(const Constant& c) {
  switch (c.type) {
    case T::null_: return "null";
    case T::bool_: return c.boolean ? "true" : "false";
    case T::int_: return std::to_string(c.integer);
    case T::decimal: {
      std::string s = fmt::format("{}", c.decimal);  // shortest text that reads back the same
      return s.find_first_of(".einf") == std::string::npos ? s + ".0" : s;
    }
    case T::string: return quoted(c.text);
    case T::date: return "date " + c.date.str();
    default: return "?";
  }
}

}  // namespace

ProgramPtr lower(const Node& checked) {
  auto p = std::make_shared<Program>();
  p->origin = checked.origin;
  Lowerer(*p).node(checked);
  return p;
}

std::string print(const Program& p) {
  std::string out;
  for (size_t i = 0; i < p.code.size(); ++i) {
    const Insn& x = p.code[i];
    std::string line = fmt::format("%{} = {}", i, name_of(kCodes, x.code));
    switch (x.code) {
      case OpCode::constant: line += " " + constant_text(p.constants[x.k]); break;
      case OpCode::slot: line += " " + p.names[x.name]; break;
      case OpCode::field:
      case OpCode::attr:
      case OpCode::call: line += " " + p.names[x.name]; break;
      default: break;
    }
    for (size_t j = 0; j < x.count; ++j) line += fmt::format(" %{}", p.operand(x, j));
    if (x.code == OpCode::text_in) {
      std::string set;
      for (auto& s : p.text_sets[x.k]) set += (set.empty() ? "" : ", ") + quoted(s);
      line += " {" + set + "}";
    }
    out += line + " : " + type_name(x.type) + "\n";
  }
  return out;
}

}  // namespace jiandu::expr
