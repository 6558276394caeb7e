#include "base/utf8.h"
#include <algorithm>
#include <cstdint>

namespace jiandu {

uint32_t utf8_decode(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  size_t len = utf8_len(c);
  uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i = std::min(s.size(), i + len);
  return cp;
}

void utf8_append(std::string& s, uint32_t cp) {
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 | (cp >> 6));
    s += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += char(0xE0 | (cp >> 12));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  } else {
    s += char(0xF0 | (cp >> 18));
    s += char(0x80 | ((cp >> 12) & 0x3F));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  }
}

size_t utf8_floor(std::string_view s, size_t at) {
  at = std::min(at, s.size());
  while (at > 0 && at < s.size() && is_continuation(static_cast<unsigned char>(s[at]))) --at;
  return at;
}

size_t utf8_ceil(std::string_view s, size_t at) {
  while (at < s.size() && is_continuation(static_cast<unsigned char>(s[at]))) ++at;
  return std::min(at, s.size());
}

size_t invalid_utf8_at(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

// The length of a reordering or zero-width character at s[i] (3-byte UTF-8), else 0, and its
// code point.
size_t format_char_at(std::string_view s, size_t i, uint32_t& cp) {
  if (i + 2 >= s.size() || static_cast<unsigned char>(s[i]) != 0xE2) return 0;
  unsigned char b1 = s[i + 1], b2 = s[i + 2];
  cp = 0x2000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b1 & 0xF0) != 0x80) return 0;  // U+2000–U+2FFF only
  bool hit = (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069);
  return hit ? 3 : 0;
}

std::string code_point(uint32_t cp) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "<U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
  return out + ">";
}

}  // namespace

std::string show_format_chars(std::string_view s) {
  if (s.find('\xE2') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t cp = 0;
    if (size_t n = format_char_at(s, i, cp)) {
      out += code_point(cp);
      i += n - 1;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string terminal_safe(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t cp = 0;
    if (size_t n = format_char_at(s, i, cp)) {
      out += code_point(cp);
      i += n - 1;
      continue;
    }
    unsigned char c = s[i];
    // C1 controls are U+0080–U+009F: 0xC2 0x80–0x9F in UTF-8.
    bool c1 = c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1) {
      unsigned char v = c1 ? (unsigned char)s[++i] : c;
      out += "\\x";
      out += hex[v >> 4];
      out += hex[v & 15];
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string terminal_safe_lines(std::string_view s) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t brk = s.find_first_of("\n\t", start);
    out += terminal_safe(s.substr(start, brk == std::string_view::npos ? std::string_view::npos : brk - start));
    if (brk == std::string_view::npos) break;
    out += s[brk];  // line breaks and tabs (a caret's alignment) kept
    start = brk + 1;
  }
  return out;
}

size_t utf8_columns(std::string_view s) {
  size_t cols = 0;
  for (unsigned char c : s)
    if (!is_continuation(c)) ++cols;
  return cols;
}

bool has_unsafe_chars(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (i + utf8_len(static_cast<unsigned char>(s[i])) > s.size()) return true;
    uint32_t cp = utf8_decode(s, i);
    // The same set show_format_chars makes visible: controls, bidi controls, zero-width ones.
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF)
      return true;
  }
  return false;
}

bool is_blank(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') continue;
    // The ideographic space U+3000, and the invisible U+200B–U+200D (zero-width space and joiners).
    auto at = s.substr(i, 3);
    if (at == "\xE3\x80\x80" || at == "\xE2\x80\x8B" || at == "\xE2\x80\x8C" || at == "\xE2\x80\x8D") {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace jiandu
