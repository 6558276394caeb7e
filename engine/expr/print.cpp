#include <cstdio>

#include "base/names.h"
#include "expr/ast.h"

namespace jiandu::expr {

namespace {

constexpr Named<T> kTypes[] = {{T::error, "error"},     {T::null_, "null"},    {T::bool_, "bool"}, {T::int_, "int"},
                               {T::decimal, "decimal"}, {T::string, "string"}, {T::date, "date"},  {T::timestamp, "timestamp"},
                               {T::list, "list"},       {T::event, "event"},   {T::org, "org"},    {T::person, "person"},
                               {T::period, "period"},   {T::attrs, "attrs"}};
static_assert(in_order(kTypes));

}  // namespace

const char* type_name(T t) { return name_of(kTypes, t); }

const char* op_text(Op op) {
  switch (op) {
    case Op::or_: return "||";
    case Op::and_: return "&&";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::in: return "in";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::mod: return "%";
    case Op::not_: return "!";
    case Op::neg: return "-";
    case Op::none: return "";
  }
  return "";
}

int precedence(Op op) {
  switch (op) {
    case Op::or_: return 1;
    case Op::and_: return 2;
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::in: return 3;
    case Op::add:
    case Op::sub: return 4;
    case Op::mul:
    case Op::div:
    case Op::mod: return 5;
    default: return 6;
  }
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

// The level a node binds at: ternary 0, binary by operator, unary 6, postfix and atoms 7.
int level(const Node& n) {
  switch (n.kind) {
    case NodeKind::ternary: return 0;
    case NodeKind::binary: return precedence(n.op);
    case NodeKind::unary: return 6;
    default: return 7;
  }
}

std::string print_at(const Node& n, int min_level) {
  std::string s = print(n);
  return level(n) < min_level ? "(" + s + ")" : s;
}

std::string join_args(const Node& n, size_t from) {
  std::string s;
  for (size_t i = from; i < n.args.size(); ++i) s += (i > from ? ", " : "") + print(*n.args[i]);
  return s;
}

}  // namespace

std::string print(const Node& n) {
  switch (n.kind) {
    case NodeKind::null_lit: return "null";
    case NodeKind::bool_lit: return n.bool_value ? "true" : "false";
    case NodeKind::int_lit: return std::to_string(n.int_value);
    case NodeKind::decimal_lit: return n.text;
    case NodeKind::string_lit: return quote(n.text);
    case NodeKind::ident: return n.name;
    case NodeKind::list: return "[" + join_args(n, 0) + "]";
    case NodeKind::unary: return std::string(op_text(n.op)) + print_at(*n.args[0], 6);
    case NodeKind::binary: {
      int p = precedence(n.op);  // left-associative: the right operand must bind tighter
      return print_at(*n.args[0], p) + " " + op_text(n.op) + " " + print_at(*n.args[1], p + 1);
    }
    case NodeKind::ternary:  // right-associative; the condition and then-branch bind tighter
      return print_at(*n.args[0], 1) + " ? " + print_at(*n.args[1], 1) + " : " + print_at(*n.args[2], 0);
    case NodeKind::member: return print_at(*n.args[0], 7) + "." + n.name;
    case NodeKind::index: return print_at(*n.args[0], 7) + "[" + print(*n.args[1]) + "]";
    case NodeKind::call:
      if (n.method) return print_at(*n.args[0], 7) + "." + n.name + "(" + join_args(n, 1) + ")";
      return n.name + "(" + join_args(n, 0) + ")";
  }
  return "?";
}

std::string dump(const Node& n) {
  auto all = [&](size_t from) {
    std::string s;
    for (size_t i = from; i < n.args.size(); ++i) s += " " + dump(*n.args[i]);
    return s;
  };
  switch (n.kind) {
    case NodeKind::unary:
    case NodeKind::binary: return std::string("(") + op_text(n.op) + all(0) + ")";
    case NodeKind::ternary: return "(?:" + all(0) + ")";
    case NodeKind::member: return "(." + all(0) + " " + n.name + ")";
    case NodeKind::index: return "([]" + all(0) + ")";
    case NodeKind::list: return "(list" + all(0) + ")";
    case NodeKind::call: return std::string("(") + (n.method ? "." : "") + n.name + all(0) + ")";
    default: return print(n);
  }
}

}  // namespace jiandu::expr
