#pragma once
// The expression grammar (CEL-like), defined. Included by grammar.cpp only.
//
//   expression = or_expr [ "?" or_expr ":" expression ] ;          (right-associative)
//   or_expr    = and_expr { "||" and_expr } ;                       (left-associative, all below)
//   and_expr   = rel_expr { "&&" rel_expr } ;
//   rel_expr   = add_expr { relop add_expr } ;
//   relop      = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" ;
//   add_expr   = mul_expr { ( "+" | "-" ) mul_expr } ;
//   mul_expr   = unary { ( "*" | "/" | "%" ) unary } ;
//   unary      = ( "!" | "-" ) unary | postfix ;
//   postfix    = primary { "." name [ args ] | "[" expression "]" } ;
//   primary    = decimal | integer | string | name [ args ]
//              | "(" expression ")" | "[" [ expression { "," expression } ] "]" ;
//   args       = "(" [ expression { "," expression } ] ")" ;
//   name       = ( letter | "_" ) { letter | digit | "_" } ;     (true, false, null are literals;
//                                                                  "in" is reserved)
//   decimal    = digit { digit } "." digit { digit } ;
//   integer    = digit { digit } ;
//   string     = '"' { char | escape } '"' | "'" { char | escape } "'" ;
//   escape     = "\" ( '"' | "'" | "\" | "/" | "n" | "t" | "r" | "u" hex4 | "U" hex8 ) ;
//
// Spaces and line breaks separate tokens anywhere (expressions often span YAML block lines).
#include <algorithm>
#include <charconv>

#include "base/utf8.h"
#include "expr/grammar.h"
#include "expr/parser.h"

namespace jiandu::expr::parser {

using x3::_attr;
using x3::_pass;
using x3::_val;
using x3::lexeme;
using x3::lit;

namespace detail {

// The iterator where the next token starts (after skipping spaces), or, for end_pos, where
// the last one ended. (X3's _where in Boost 1.74 is the rest of the input, not the match.)
template <bool Skip>
struct position_parser : x3::parser<position_parser<Skip>> {
  using attribute_type = iterator_type;
  static const bool has_attribute = true;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr& attr) const {
    if constexpr (Skip) x3::skip_over(first, last, ctx);
    attr = first;
    return true;
  }
};
const position_parser<true> pos{};
const position_parser<false> end_pos{};

template <class Ctx>
ParseState& state(Ctx& ctx) {
  return x3::get<state_tag>(ctx).get();
}

template <class Ctx>
uint32_t offset(Ctx& ctx, iterator_type it) {
  return uint32_t(it - state(ctx).base);
}

template <class Ctx>
NodePtr node(Ctx& ctx, NodeKind kind, uint32_t begin, uint32_t end) {
  if (++state(ctx).nodes > kMaxNodes)
    throw TooLarge{
        begin, end,
        "expression too large: more than " + std::to_string(kMaxNodes) + " nodes (the limit is " + std::to_string(kMaxNodes) + ")"};
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->begin = begin;
  n->end = end;
  n->origin = state(ctx).origin;
  return n;
}

// Sets the height of a node whose operands are in place, and refuses a tree that grew too
// tall. `at` is the operand that made it so (where the caret goes).
inline void seal(Node& n, const Node* at = nullptr) {
  uint32_t h = 0;
  for (auto& a : n.args) h = std::max(h, a->height);
  n.height = h + 1;
  if (n.height <= kMaxHeight) return;
  const Node& where = at ? *at : n;
  std::string limit = " (the limit is " + std::to_string(kMaxHeight) + ")";
  bool chain = n.kind == NodeKind::binary && n.args[0]->kind == NodeKind::binary && n.args[0]->op == n.op;
  if (chain)
    throw TooLarge{where.begin, where.end,
                   std::string("expression too large: a chain of '") + op_text(n.op) + "' more than " + std::to_string(kMaxHeight) +
                       " levels deep" + limit + "; split it into macros, or use 'in' with a list"};
  throw TooLarge{where.begin, where.end, "expression too large: more than " + std::to_string(kMaxHeight) + " levels of operators" + limit};
}

template <class Ctx>
NodePtr combine(Ctx& ctx, NodeKind kind, Op op, std::vector<NodePtr> args) {
  auto n = node(ctx, kind, args.front()->begin, args.back()->end);
  n->op = op;
  n->args = std::move(args);
  seal(*n, n->args.back().get());
  return n;
}

struct relop_table : x3::symbols<Op> {
  relop_table() { add("==", Op::eq)("!=", Op::ne)("<", Op::lt)("<=", Op::le)(">", Op::gt)(">=", Op::ge); }
};
struct addop_table : x3::symbols<Op> {
  addop_table() { add("+", Op::add)("-", Op::sub); }
};
struct mulop_table : x3::symbols<Op> {
  mulop_table() { add("*", Op::mul)("/", Op::div)("%", Op::mod); }
};
struct escape_table : x3::symbols<char> {
  escape_table() { add("\"", '"')("'", '\'')("\\", '\\')("/", '/')("n", '\n')("t", '\t')("r", '\r'); }
};
const relop_table relop_sym;
const addop_table addop;
const mulop_table mulop;
const escape_table escapes;

// Actions.
const auto set = [](auto& ctx) { _val(ctx) = _attr(ctx); };
const auto binary = [](auto& ctx) {
  auto& a = _attr(ctx);
  _val(ctx) = combine(ctx, NodeKind::binary, boost::fusion::at_c<0>(a), {_val(ctx), boost::fusion::at_c<1>(a)});
};
template <Op op>
struct fixed_binary {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    _val(ctx) = combine(ctx, NodeKind::binary, op, {_val(ctx), _attr(ctx)});
  }
};
const auto ternary = [](auto& ctx) {
  auto& a = _attr(ctx);
  _val(ctx) = combine(ctx, NodeKind::ternary, Op::none, {_val(ctx), boost::fusion::at_c<0>(a), boost::fusion::at_c<1>(a)});
};
template <Op op>
struct prefix {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto& a = _attr(ctx);
    auto& operand = boost::fusion::at_c<1>(a);
    auto n = node(ctx, NodeKind::unary, offset(ctx, boost::fusion::at_c<0>(a)), operand->end);
    n->op = op;
    n->args = {operand};
    seal(*n);
    _val(ctx) = n;
  }
};
const auto member_or_method = [](auto& ctx) {
  auto& a = _attr(ctx);
  auto& name = boost::fusion::at_c<1>(a);
  auto& args = boost::fusion::at_c<2>(a);
  auto n = node(ctx, args ? NodeKind::call : NodeKind::member, _val(ctx)->begin, offset(ctx, boost::fusion::at_c<3>(a)));
  n->name = name;
  n->name_begin = offset(ctx, boost::fusion::at_c<0>(a));
  n->method = bool(args);
  n->args = {_val(ctx)};
  if (args) n->args.insert(n->args.end(), args->begin(), args->end());
  seal(*n);
  _val(ctx) = n;
};
const auto index = [](auto& ctx) {
  auto& a = _attr(ctx);
  auto n = node(ctx, NodeKind::index, _val(ctx)->begin, offset(ctx, boost::fusion::at_c<1>(a)));
  n->args = {_val(ctx), boost::fusion::at_c<0>(a)};
  seal(*n);
  _val(ctx) = n;
};
const auto name_or_call = [](auto& ctx) {
  auto& a = _attr(ctx);
  auto& name = boost::fusion::at_c<1>(a);
  auto& args = boost::fusion::at_c<2>(a);
  if (name == "in") {  // reserved: the membership operator
    _pass(ctx) = false;
    return;
  }
  uint32_t b = offset(ctx, boost::fusion::at_c<0>(a)), e = offset(ctx, boost::fusion::at_c<3>(a));
  NodePtr n;
  if (args) {
    n = node(ctx, NodeKind::call, b, e);
    n->args = *args;
  } else if (name == "true" || name == "false") {
    n = node(ctx, NodeKind::bool_lit, b, e);
    n->bool_value = name == "true";
  } else if (name == "null") {
    n = node(ctx, NodeKind::null_lit, b, e);
  } else {
    n = node(ctx, NodeKind::ident, b, e);
  }
  n->name = name;
  n->name_begin = b;
  seal(*n);
  _val(ctx) = n;
};
const auto integer = [](auto& ctx) {
  auto b = _attr(ctx).begin(), e = _attr(ctx).end();
  auto n = node(ctx, NodeKind::int_lit, offset(ctx, b), offset(ctx, e));
  auto [p, ec] = std::from_chars(b, e, n->int_value);
  if (ec != std::errc()) state(ctx).faults.push_back({n->begin, n->end, "integer literal out of range"});
  _val(ctx) = n;
};
const auto decimal = [](auto& ctx) {
  auto b = _attr(ctx).begin(), e = _attr(ctx).end();
  auto n = node(ctx, NodeKind::decimal_lit, offset(ctx, b), offset(ctx, e));
  n->text.assign(b, e);
  n->decimal_value = std::strtod(n->text.c_str(), nullptr);
  _val(ctx) = n;
};
const auto string_node = [](auto& ctx) {
  auto& a = _attr(ctx);
  auto n = node(ctx, NodeKind::string_lit, offset(ctx, boost::fusion::at_c<0>(a)), offset(ctx, boost::fusion::at_c<2>(a)));
  n->text = boost::fusion::at_c<1>(a);
  _val(ctx) = n;
};
const auto list = [](auto& ctx) {
  auto& a = _attr(ctx);
  auto n = node(ctx, NodeKind::list, offset(ctx, boost::fusion::at_c<0>(a)), offset(ctx, boost::fusion::at_c<2>(a)));
  n->args = boost::fusion::at_c<1>(a);
  seal(*n);
  _val(ctx) = n;
};
const auto paren = [](auto& ctx) { _val(ctx) = _attr(ctx); };
const auto append_string = [](auto& ctx) { _val(ctx) += _attr(ctx); };
const auto append_char = [](auto& ctx) { _val(ctx) += _attr(ctx); };
const auto append_code_point = [](auto& ctx) {
  auto& a = _attr(ctx);
  uint32_t cp = boost::fusion::at_c<1>(a);
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    uint32_t at = offset(ctx, boost::fusion::at_c<0>(a)) - 1;  // the backslash
    state(ctx).faults.push_back({at, at + 6, "not a Unicode code point"});
    return;
  }
  utf8_append(_val(ctx), cp);
};

}  // namespace detail

// Rules; their names are what "expected …" messages say.
const expression_type expression_rule = "an expression";
const x3::rule<class or_class, NodePtr> or_expr = "an expression";
const x3::rule<class and_class, NodePtr> and_expr = "an expression";
const x3::rule<class rel_class, NodePtr> rel_expr = "an expression";
const x3::rule<class add_class, NodePtr> add_expr = "an expression";
const x3::rule<class mul_class, NodePtr> mul_expr = "an expression";
const x3::rule<class unary_class, NodePtr> unary = "an operand";
const x3::rule<class postfix_class, NodePtr> postfix = "an operand";
const x3::rule<class primary_class, NodePtr> primary = "an operand";
const x3::rule<class relop_class, Op> relop = "a comparison";
const x3::rule<class args_class, std::vector<NodePtr>> args = "arguments";
const x3::rule<class items_class, std::vector<NodePtr>> items = "list items";
const x3::rule<class name_class, std::string> name = "a name";
using MemberTail = boost::fusion::deque<iterator_type, std::string, boost::optional<std::vector<NodePtr>>, iterator_type>;
const x3::rule<class member_tail_class, MemberTail> member_tail = "a name";
const x3::rule<class string_class, std::string> string_text = "a string";
const x3::rule<class dq_class, std::string> dq_string = "a string";
const x3::rule<class sq_class, std::string> sq_string = "a string";
const x3::rule<class escape_class, std::string> escape_seq = "an escape sequence (\\\" \\' \\\\ \\/ \\n \\t \\r \\uXXXX \\UXXXXXXXX)";

using namespace detail;
// ASCII classes only: X3's standard classes call isalpha() & co. on a plain char, which is
// negative for the bytes of a UTF-8 character (a precondition that asserts). The ASCII
// ones refuse such a byte, so a Chinese name is a clean syntax error (parser.cpp says how
// to write it) instead of undefined behaviour.
const auto word_end = !(x3::ascii::alnum | lit('_'));
// Named, so that "expected …" says what a \u escape needs (not the parser's C++ type).
const x3::rule<class hex4_class, uint32_t> hex4 = "four hexadecimal digits after \\u (\\u00e9)";
const x3::rule<class hex8_class, uint32_t> hex8 = "eight hexadecimal digits after \\U (\\U0001F600)";
const auto hex4_def = x3::uint_parser<uint32_t, 16, 4, 4>();
const auto hex8_def = x3::uint_parser<uint32_t, 16, 8, 8>();
const auto escape = (lit('\\') > escape_seq)[append_string];

const auto expression_rule_def = or_expr[set] >> -((lit('?') > or_expr > lit(':') > expression_rule)[ternary]);
const auto or_expr_def = and_expr[set] >> *((lit("||") > and_expr)[fixed_binary<Op::or_>{}]);
const auto and_expr_def = rel_expr[set] >> *((lit("&&") > rel_expr)[fixed_binary<Op::and_>{}]);
const auto relop_def = relop_sym | (lexeme[lit("in") >> word_end] >> x3::attr(Op::in));
const auto rel_expr_def = add_expr[set] >> *((relop > add_expr)[binary]);
const auto add_expr_def = mul_expr[set] >> *((addop > mul_expr)[binary]);
const auto mul_expr_def = unary[set] >> *((mulop > unary)[binary]);
const auto unary_def = (pos >> lit('!') > unary)[prefix<Op::not_>{}] | (pos >> lit('-') > unary)[prefix<Op::neg>{}] | postfix[set];
const auto postfix_def = primary[set] >>
                         *((lit('.') > member_tail)[member_or_method] | (lit('[') > expression_rule > lit(']') > end_pos)[index]);
const auto primary_def = x3::raw[lexeme[+x3::ascii::digit >> lit('.') >> +x3::ascii::digit >> word_end]][decimal] |
                         x3::raw[lexeme[+x3::ascii::digit >> word_end]][integer] | (pos >> string_text >> end_pos)[string_node] |
                         (pos >> name >> -args >> end_pos)[name_or_call] | (lit('(') > expression_rule > lit(')'))[paren] |
                         (pos >> lit('[') > items > lit(']') > end_pos)[list];
const auto args_def = lit('(') > -(expression_rule >> *(lit(',') > expression_rule)) > lit(')');
const auto items_def = -(expression_rule >> *(lit(',') > expression_rule));
const auto escape_seq_def =
    escapes[append_char] | (end_pos >> lit('u') > hex4)[append_code_point] | (end_pos >> lit('U') > hex8)[append_code_point];
const auto member_tail_def = pos >> name >> -args >> end_pos;
const auto name_def = lexeme[(x3::ascii::alpha | x3::char_('_')) >> *(x3::ascii::alnum | x3::char_('_'))];
const auto string_text_def = dq_string | sq_string;
const auto dq_string_def = lexeme[lit('"') > *(escape | (x3::char_ - '"' - '\\' - x3::eol)[append_char]) > lit('"')];
const auto sq_string_def = lexeme[lit('\'') > *(escape | (x3::char_ - '\'' - '\\' - x3::eol)[append_char]) > lit('\'')];

BOOST_SPIRIT_DEFINE(hex4, hex8, expression_rule, or_expr, and_expr, relop, rel_expr, add_expr, mul_expr, unary, postfix, primary, args,
                    items, name, member_tail, string_text, dq_string, sq_string, escape_seq)

const expression_type& expression() { return expression_rule; }

}  // namespace jiandu::expr::parser
