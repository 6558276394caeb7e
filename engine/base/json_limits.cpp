#include "base/json_limits.h"

#include <set>
#include <vector>

#include "base/utf8.h"

namespace jiandu {

size_t json_depth(std::string_view text, size_t stop_above) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // the escaped character cannot end the string
      else if (c == '"')
        in_string = false;
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
  // A key written twice in one object: nlohmann keeps the last silently, so the record
  // would say something other than what its writer may have meant; refused instead.
  struct DuplicateKey {
    std::string key;
  };
  std::vector<std::set<std::string>> keys;
  auto unique_keys = [&](int, nlohmann::json::parse_event_t ev, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (ev == E::object_start)
      keys.emplace_back();
    else if (ev == E::object_end)
      keys.pop_back();
    else if (ev == E::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second)
      throw DuplicateKey{parsed.get<std::string>()};
    return true;
  };
  try {
    return nlohmann::json::parse(text, unique_keys);
  } catch (const DuplicateKey& d) {
    why = "the key '" + d.key + "' is written twice in one object";
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
