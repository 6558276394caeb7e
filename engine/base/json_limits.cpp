#include "base/json_limits.h"

namespace jiandu {

size_t json_depth(std::string_view text, size_t stop_above) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > stop_above) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parse_json_bounded(std::string_view text, std::string& why) {
  if (json_depth(text) > kMaxJsonDepth) {
    why = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels of arrays and objects";
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) why = "not valid JSON";
  return j;
}

}  // namespace jiandu
