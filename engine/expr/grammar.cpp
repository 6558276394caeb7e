// The one translation unit that instantiates the expression grammar.
#include "expr/grammar_def.h"

namespace jiandu::expr::parser {

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

}  // namespace jiandu::expr::parser
