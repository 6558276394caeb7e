#include "base/scalar_text.h"

namespace jiandu {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::shared_ptr<ScalarText> ScalarText::make(std::string value, SourcePtr source, uint32_t start) {
  auto st = std::make_shared<ScalarText>();
  st->text = std::move(value);
  st->source = std::move(source);
  st->start = start;
  const std::string& src = st->source->text();
  // Walk the value and the source together: the source may hold extra indentation, line
  // breaks, quotes and block indicators, but never other characters.
  std::vector<uint32_t> map(st->text.size() + 1);
  uint32_t p = start;
  if (p < src.size() && (src[p] == '|' || src[p] == '>')) {  // a block scalar: skip its header
    while (p < src.size() && src[p] != '\n') ++p;
  } else if (p < src.size() && (src[p] == '"' || src[p] == '\'')) {
    ++p;
  }
  for (uint32_t i = 0; i < st->text.size(); ++i) {
    char c = st->text[i];
    while (p < src.size() && src[p] != c && is_space(src[p])) ++p;
    if (p < src.size() && src[p] == c) {
      map[i] = p++;
    } else if (is_space(c)) {
      map[i] = p;  // a folded line break: the value has a space the source spells otherwise
    } else {
      return st;  // an escape or other rewriting: inexact
    }
  }
  map[st->text.size()] = p;
  st->map = std::move(map);
  return st;
}

std::shared_ptr<ScalarText> ScalarText::detached(std::string value, const std::string& name) {
  auto src = std::make_shared<const Source>(name, value);
  return make(std::move(value), src, 0);
}

std::shared_ptr<ScalarText> ScalarText::slice(uint32_t begin, uint32_t end) const {
  auto st = std::make_shared<ScalarText>();
  st->text = text.substr(begin, end - begin);
  st->source = source;
  if (exact()) {
    st->start = map[begin];
    st->map.assign(map.begin() + begin, map.begin() + end + 1);
  } else {
    st->start = start;
  }
  return st;
}

Span ScalarText::span(uint32_t begin, uint32_t end) const {
  if (!exact()) return Span{source, start, 1};
  begin = std::min<uint32_t>(begin, uint32_t(map.size() - 1));
  end = std::min<uint32_t>(std::max(end, begin), uint32_t(map.size() - 1));
  uint32_t b = map[begin];
  uint32_t e = end > begin ? map[end - 1] + 1 : b + 1;
  return Span{source, b, e > b ? e - b : 1};
}

}  // namespace jiandu
