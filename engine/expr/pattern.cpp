#include "expr/pattern.h"

#include <re2/re2.h>

namespace jiandu::expr {
namespace {

// RE2's own texts are terse ("missing ): …"); these say what to change. The parenthesis
// message is worded as lint has always said it.
std::string explain(const RE2& re) {
  const std::string& arg = re.error_arg();
  switch (re.error_code()) {
    case RE2::ErrorMissingParen:
    case RE2::ErrorUnexpectedParen: return "Mismatched '(' and ')' in regular expression";
    case RE2::ErrorMissingBracket: return "Mismatched '[' and ']' in regular expression";
    case RE2::ErrorBadEscape:
      if (arg.size() >= 2 && arg[0] == '\\' && arg[1] >= '1' && arg[1] <= '9')
        return "backreferences such as " + arg + " are not supported (matching runs in linear time)";
      return "bad escape sequence " + arg;
    case RE2::ErrorBadCharClass: return "bad character class " + arg;
    case RE2::ErrorBadCharRange: return "bad character range " + arg;
    case RE2::ErrorTrailingBackslash: return "a '\\' at the end of the pattern";
    case RE2::ErrorRepeatArgument: return "nothing to repeat before " + arg;
    case RE2::ErrorRepeatSize: return "bad repetition count " + arg + " (at most 1000)";
    case RE2::ErrorRepeatOp: return "bad repetition operator " + arg;
    case RE2::ErrorBadPerlOp:
      return "unsupported group " + arg + " (lookahead and lookbehind are not supported: matching runs in linear time)";
    case RE2::ErrorBadUTF8: return "the pattern is not valid UTF-8";
    case RE2::ErrorBadNamedCapture: return "bad named group " + arg;
    case RE2::ErrorPatternTooLarge: return "the pattern is too large";
    default: return re.error();
  }
}

}  // namespace

std::shared_ptr<void> compile_pattern(const std::string& pattern, std::string& why) {
  RE2::Options o;
  o.set_log_errors(false);    // the error is lint's to report, not RE2's to print
  o.set_never_capture(true);  // matches() only asks whether: no groups to fill
  auto re = std::make_shared<RE2>(pattern, o);
  if (!re->ok()) {
    why = explain(*re);
    return nullptr;
  }
  return re;
}

bool pattern_found(const std::shared_ptr<void>& compiled, std::string_view text) {
  auto* re = static_cast<const RE2*>(compiled.get());
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

}  // namespace jiandu::expr
