#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace jiandu {

// The byte offset of the first invalid UTF-8 sequence, or npos when `s` is valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t invalid_utf8_at(std::string_view s);

// Columns as a reader counts them: one per code point.
size_t utf8_columns(std::string_view s);

// Text from records made safe for a terminal: control characters (escape sequences, bare
// carriage returns, C1 controls) shown as \xNN instead of acted on.
std::string terminal_safe(std::string_view s);

}  // namespace jiandu
