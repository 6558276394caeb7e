#include "base/utf8.h"
#include "expr/parser.h"

#include <optional>

#include "expr/grammar.h"

namespace jiandu::expr {
namespace {

// The deepest nesting, measured on the text before parsing so that a pathological input
// never reaches the recursive descent.
std::optional<SyntaxError> check_depth(std::string_view s, int max_depth) {
  int depth = 0;
  std::vector<int> ternaries{0};  // '?' seen at each open bracket level: they nest
  auto nested = [&] {
    int n = depth;
    for (int t : ternaries) n += t;
    return n;
  };
  char quote = 0;
  for (uint32_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '(' || c == '[')
      ++depth, ternaries.push_back(0);
    else if (c == ')' || c == ']') {
      depth = depth > 0 ? depth - 1 : 0;
      if (ternaries.size() > 1) ternaries.pop_back();
    } else if (c == '?')
      ++ternaries.back();
    else if ((c == '!' || c == '-') && (i + 1 >= s.size() || s[i + 1] != '=')) {
      // A run of prefix operators nests too: count the run.
      uint32_t j = i;
      int run = 0;
      while (j < s.size() && (s[j] == '!' || s[j] == '-' || s[j] == ' ')) run += s[j++] != ' ';
      if (nested() + run > max_depth)
        return SyntaxError{i, j, "expression nested too deeply (more than " + std::to_string(max_depth) + " levels)", &code::E102};
    }
    if (nested() > max_depth)
      return SyntaxError{i, i + 1, "expression nested too deeply (more than " + std::to_string(max_depth) + " levels)", &code::E102};
  }
  return std::nullopt;
}

// The length in bytes of the character at `at` (so a caret covers a whole CJK character).
uint32_t char_len(std::string_view s, uint32_t at) {
  if (at >= s.size()) return 1;
  return uint32_t(utf8_len(static_cast<unsigned char>(s[at])));
}

std::string describe(std::string_view s, uint32_t at) {
  if (at >= s.size()) return "the end of the expression";
  if (std::isalpha(static_cast<unsigned char>(s[at])) || s[at] == '_') {  // a whole word
    uint32_t end = at;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_')) ++end;
    if (end - at > 64) return "'" + std::string(s.substr(at, 60)) + "…' (" + std::to_string(end - at) + " characters)";
    return "'" + std::string(s.substr(at, end - at)) + "'";
  }
  return "'" + std::string(s.substr(at, char_len(s, at))) + "'";
}

// Hints for the slips people make coming from SQL or YAML.
std::string hint(std::string_view s, uint32_t at) {
  auto rest = s.substr(std::min<size_t>(at, s.size()));
  auto starts = [&](std::string_view w) {
    return rest.substr(0, w.size()) == w && (rest.size() == w.size() || !std::isalnum(static_cast<unsigned char>(rest[w.size()])));
  };
  if (rest.substr(0, 1) == "=" && rest.substr(0, 2) != "==") return "; did you mean '=='?";
  if (rest.substr(0, 1) == "&" && rest.substr(0, 2) != "&&") return "; did you mean '&&'?";
  if (rest.substr(0, 1) == "|" && rest.substr(0, 2) != "||") return "; did you mean '||'?";
  if (starts("and") || starts("AND")) return "; use '&&' for 'and'";
  if (starts("or") || starts("OR")) return "; use '||' for 'or'";
  if (starts("not") || starts("NOT")) return "; use '!' for 'not'";
  if (rest.substr(0, 2) == "<>" || (at > 0 && s.substr(at - 1, 2) == "<>")) return "; did you mean '!='?";
  return "";
}

// After a '.', a name in Chinese (event.attrs.金额): names are ASCII, an attribute of another
// name is reached by its quoted name. The whole word is shown, up to a space or operator.
std::string non_ascii_name_hint(std::string_view s, uint32_t at) {
  if (at >= s.size() || static_cast<unsigned char>(s[at]) < 0x80) return "";
  uint32_t before = at;
  while (before > 0 && (s[before - 1] == ' ' || s[before - 1] == '\t')) --before;
  if (before == 0 || s[before - 1] != '.') return "";
  uint32_t end = at;
  while (end < s.size() &&
         (static_cast<unsigned char>(s[end]) >= 0x80 || std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_'))
    ++end;
  bool after_attrs = before >= 6 && s.substr(before - 6, 5) == "attrs";
  if (!after_attrs || end - at > 64) return "; names are ASCII letters, digits and '_'";
  std::string word(s.substr(at, end - at));
  return "; names are ASCII letters, digits and '_': write attrs[\"" + word + "\"] for an attribute named " + word;
}

}  // namespace

ParseResult parse(std::string_view text, const ScalarText* origin, int max_depth) {
  ParseResult result;
  if (auto deep = check_depth(text, max_depth)) {
    result.errors.push_back(*deep);
    return result;
  }
  parser::ParseState state;
  state.base = text.data();
  state.origin = origin;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  NodePtr root;
  namespace x3 = boost::spirit::x3;
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<parser::state_tag>(std::ref(state))[parser::expression()], x3::ascii::space, root);
    uint32_t at = uint32_t(first - text.data());
    if (!ok || first != last) {
      if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        result.errors.push_back({0, 0, "empty expression"});
      else if (!ok)
        result.errors.push_back({at, at + char_len(text, at), "expected an expression, found " + describe(text, at) + hint(text, at)});
      else
        result.errors.push_back({at, at + char_len(text, at), "unexpected " + describe(text, at) + hint(text, at)});
    }
  } catch (const x3::expectation_failure<parser::iterator_type>& e) {
    uint32_t at = uint32_t(e.where() - text.data());
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r')) ++at;
    std::string which = e.which();
    result.errors.push_back({at, at + char_len(text, at),
                             "expected " + which + ", found " + describe(text, at) + hint(text, at) + non_ascii_name_hint(text, at)});
  } catch (const parser::TooLarge& e) {
    result.errors.push_back({e.begin, e.end, e.message, &code::E103});
  }
  for (auto& f : state.faults) result.errors.push_back({f.begin, f.end, f.message});
  if (result.errors.empty()) result.root = root;
  return result;
}

}  // namespace jiandu::expr
