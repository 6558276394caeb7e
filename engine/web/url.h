#pragma once
// Percent-encoding for the ids the pages put in links (an alert or unit id is data).
#include <string>
#include <string_view>

namespace jiandu::web {

// Every byte but A–Z a–z 0–9 - . _ ~ as %XX.
inline std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace jiandu::web
