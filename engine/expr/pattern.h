#pragma once
// The patterns of matches(), compiled by RE2. RE2 matches in time linear in the text and
// never backtracks, so no pattern and no imported string can hang a run or exhaust the
// stack (std::regex recursed once per character and backtracked exponentially on
// ^(a+)+$). The price: no backreferences and no lookaround, which lint reports (E212).
#include <memory>
#include <string>
#include <string_view>

namespace jiandu::expr {

// The compiled pattern, or null with `why` set to a message for E212.
std::shared_ptr<void> compile_pattern(const std::string& pattern, std::string& why);

// Whether the pattern occurs anywhere in `text` (anchor with ^…$ for the whole text).
bool pattern_found(const std::shared_ptr<void>& compiled, std::string_view text);

}  // namespace jiandu::expr
