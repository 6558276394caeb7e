#pragma once
// Text → AST. Syntax faults are values with a byte range in the text, never exceptions.
#include <string>
#include <string_view>
#include <vector>

#include "base/codes.h"
#include "expr/ast.h"

namespace jiandu::expr {

struct SyntaxError {
  uint32_t begin = 0, end = 0;  // byte range in the expression text
  std::string message;
  const Code* code = &code::E101;  // E101 syntax, E102 nested too deeply, E103 too large
};

struct ParseResult {
  NodePtr root;  // null when there are errors
  std::vector<SyntaxError> errors;
};

// Nesting deeper than this ((, [, !, -, ?:) is refused with an error instead of
// exhausting the stack.
inline constexpr int kMaxDepth = 64;

// Every pass over the tree (checker, printer, interpreter, the plan's predicate split, the
// destructor) recurses on its height, and brackets are not the only way to make it tall: a
// chain of one operator (a && b && …) is a left-leaning tree as tall as the chain is long.
// So the tree's height and its size are bounded too, while it is built (E103); the
// checker holds macro expansion to the same bounds. The deepest pass, evaluation, takes
// about 1 KB of stack a level (measured): 2048 levels is a quarter of the main thread's
// 8 MB, and far above the 9 levels of the tallest expression in rules/.
inline constexpr uint32_t kMaxHeight = 2048;  // levels of operators, calls, members, lists
inline constexpr uint32_t kMaxNodes = 10000;  // nodes in one expression, macros expanded

ParseResult parse(std::string_view text, const ScalarText* origin = nullptr, int max_depth = kMaxDepth);

}  // namespace jiandu::expr
