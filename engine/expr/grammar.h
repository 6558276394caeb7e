#pragma once
// The expression grammar, declared: the rule's definition is compiled in grammar.cpp only
// (declare / define / instantiate, as in Spirit X3's calc9), so no other translation unit
// pays for the templates. See grammar_def.h for the EBNF.
#include <functional>
#include <string>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "expr/ast.h"

namespace jiandu::expr::parser {
namespace x3 = boost::spirit::x3;

// What the semantic actions need: where the text starts (to turn iterators into offsets)
// and a place for faults found while building nodes (an integer out of range …).
struct ParseState {
  const char* base = nullptr;
  const ScalarText* origin = nullptr;
  struct Fault {
    uint32_t begin, end;
    std::string message;
  };
  std::vector<Fault> faults;
  uint32_t nodes = 0;  // built so far, against kMaxNodes
};

// Thrown by a semantic action when the tree outgrows kMaxNodes or kMaxHeight: parsing stops
// at once, so a huge input never becomes a huge (or too tall to destroy) tree.
struct TooLarge {
  uint32_t begin, end;
  std::string message;
};
struct state_tag;

using iterator_type = const char*;
using phrase_context_type = x3::phrase_parse_context<x3::ascii::space_type>::type;
using context_type = x3::context<state_tag, std::reference_wrapper<ParseState>, phrase_context_type>;

using expression_type = x3::rule<class expression_class, NodePtr>;
BOOST_SPIRIT_DECLARE(expression_type)

const expression_type& expression();

}  // namespace jiandu::expr::parser
