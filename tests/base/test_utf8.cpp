// The UTF-8 pieces every stage uses (base/utf8.h): a cut never splits a character, a code
// point written and read back is itself, and the count of characters is not of bytes.
#include <catch2/catch.hpp>

#include "base/utf8.h"

using namespace jiandu;

TEST_CASE("utf8: append and decode are inverse over every length", "[utf8]") {
  for (uint32_t cp : {0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0x4E2Du, 0xFFFFu, 0x10000u, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    utf8_append(s, cp);
    INFO(cp);
    CHECK(invalid_utf8_at(s) == std::string_view::npos);
    CHECK(s.size() == utf8_len(static_cast<unsigned char>(s[0])));
    size_t i = 0;
    CHECK(utf8_decode(s, i) == cp);
    CHECK(i == s.size());
  }
}

TEST_CASE("utf8: floor and ceil land on character boundaries", "[utf8]") {
  const std::string s = "a监督b";  // 1 + 3 + 3 + 1 bytes
  CHECK(utf8_floor(s, 0) == 0);
  CHECK(utf8_floor(s, 2) == 1);  // inside 监
  CHECK(utf8_floor(s, 3) == 1);
  CHECK(utf8_floor(s, 4) == 4);  // 督 starts here
  CHECK(utf8_ceil(s, 2) == 4);
  CHECK(utf8_ceil(s, 5) == 7);
  CHECK(utf8_floor(s, 100) == s.size());
  CHECK(utf8_ceil(s, s.size()) == s.size());
  CHECK(utf8_columns(s) == 4);
}

TEST_CASE("utf8: a sequence cut off by the end of the text is read up to the end", "[utf8]") {
  const std::string s = "\xE7\x9B";  // the first two bytes of 监
  size_t i = 0;
  (void)utf8_decode(s, i);
  CHECK(i == s.size());
  CHECK(has_unsafe_chars(s));
  CHECK(invalid_utf8_at(s) == 0);
}
