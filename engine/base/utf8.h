#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jiandu {

// The pieces of UTF-8 every stage uses, in one place. They read leniently (a sequence cut off
// by the end of the text ends there); invalid_utf8_at says whether a text is valid.
inline bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
// The bytes of the character a lead byte starts (1 for a stray continuation byte).
inline size_t utf8_len(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }
// The code point at s[i]; i moves past it.
uint32_t utf8_decode(std::string_view s, size_t& i);
// Appends code point `cp` (at most U+10FFFF) in UTF-8.
void utf8_append(std::string& s, uint32_t cp);
// The character boundary at or before `at` (to cut a text without splitting a character) and
// the one at or after it.
size_t utf8_floor(std::string_view s, size_t at);
size_t utf8_ceil(std::string_view s, size_t at);

// The byte offset of the first invalid UTF-8 sequence, or npos when `s` is valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t invalid_utf8_at(std::string_view s);

// Columns as a reader counts them: one per code point.
size_t utf8_columns(std::string_view s);

// Text from records made safe for a terminal: control characters (escape sequences, bare
// carriage returns, C1 controls) shown as \xNN instead of acted on, and the characters that
// reorder or hide text (bidi controls, zero-width) as visible <U+202E>.
std::string terminal_safe(std::string_view s);
// The same, keeping line breaks (a multi-line message: a diagnostic with its excerpt).
std::string terminal_safe_lines(std::string_view s);
// The same for pages and spreadsheets: the reordering and zero-width characters shown as
// <U+202E>, so that a name reads as what it is ("报告\u202Efdp.exe" is not "报告exe.pdf").
std::string show_format_chars(std::string_view s);

// Whether valid UTF-8 `s` holds a character no name or label should: a control character
// (C0, DEL, C1) or one that reorders the text around it (U+200E/F, U+202A–E, U+2066–9),
// which would make a name read differently from what it is.
bool has_unsafe_chars(std::string_view s);

// Whether a note says nothing: only spaces (ASCII, U+3000), zero-width spaces and line breaks.
// Such a reason, statement or report is refused like an empty one.
bool is_blank(std::string_view note);

}  // namespace jiandu
