#pragma once
// Text → AST. Syntax faults are values with a byte range in the text, never exceptions.
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace jiandu::expr {

struct SyntaxError {
  uint32_t begin = 0, end = 0;  // byte range in the expression text
  std::string message;
};

struct ParseResult {
  NodePtr root;  // null when there are errors
  std::vector<SyntaxError> errors;
};

// Nesting deeper than this ((, [, !, -, ?:) is refused with an error instead of
// exhausting the stack.
inline constexpr int kMaxDepth = 64;

ParseResult parse(std::string_view text, const ScalarText* origin = nullptr, int max_depth = kMaxDepth);

}  // namespace jiandu::expr
