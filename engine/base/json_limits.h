#pragma once
// JSON from outside (import files, the attrs the store keeps) is parsed only when its
// nesting is shallow. nlohmann::json parses deep input, but dumping, copying and comparing
// a value recurse once per level: 100,000 nested brackets in one record's attrs overflowed
// the stack at import. Event attributes are flat in practice; 64 levels is far beyond any
// real record and far below what the stack holds.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace jiandu {

inline constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text`, brackets inside strings not counted;
// it stops reading once past `stop_above`, so a deep input costs no more than a shallow one.
size_t json_depth(std::string_view text, size_t stop_above = kMaxJsonDepth);

// Parses `text`; a discarded value with `why` set when it is too deep or not valid JSON.
nlohmann::json parse_json_bounded(std::string_view text, std::string& why);

}  // namespace jiandu
