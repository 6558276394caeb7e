#include "base/json_limits.h"

#include "base/utf8.h"

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
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Where it went wrong, in characters from the start (nlohmann counts bytes from 1).
    why = "not valid JSON at character " + std::to_string(utf8_columns(text.substr(0, e.byte > 0 ? e.byte - 1 : 0)) + 1);
  } catch (const nlohmann::json::out_of_range&) {
    why = "a number past the range of a double";  // 1e400: valid JSON, but no number jiandu can hold
  } catch (const nlohmann::json::exception&) {
    why = "not valid JSON";
  }
  return nlohmann::json(nlohmann::json::value_t::discarded);
}

}  // namespace jiandu
