// An event's attributes are decoded without a JSON tree (eval/attrs.h); what each record
// means, and which records are refused, must be exactly what the JSON parser says, since a
// rule's verdict rests on it. Each text here is decoded both ways and compared.
#include <catch2/catch.hpp>

#include "base/json_limits.h"
#include "eval/attrs.h"

using namespace jiandu;
using jiandu::eval::Attr;

namespace {

// What the JSON parser makes of `text`, entry by entry, against the decoder's entries.
void same_as_parser(const std::string& text) {
  INFO(text);
  eval::Attrs attrs;
  std::string why, parser_why;
  bool decoded = attrs.decode(text, why);
  auto j = parse_json_bounded(text, parser_why);
  bool accepted = !j.is_discarded() && j.is_object();
  REQUIRE(decoded == accepted);
  if (!accepted) return;
  REQUIRE(attrs.size() == j.size());
  for (auto& [key, v] : j.items()) {
    INFO(key);
    const Attr* a = attrs.find(key);
    REQUIRE(a);
    CHECK(a->dump() == v.dump());
    CHECK(a->is_number() == v.is_number());
    CHECK((a->kind == Attr::Kind::null) == v.is_null());
    CHECK((a->kind == Attr::Kind::string) == v.is_string());
    CHECK((a->kind == Attr::Kind::boolean) == v.is_boolean());
    if (v.is_string()) CHECK(a->text == v.get<std::string>());
    if (v.is_boolean()) CHECK(a->boolean == v.get<bool>());
    if (v.is_number()) CHECK(a->decimal == v.get<double>());
    if (v.is_number_integer() && a->kind == Attr::Kind::integer) CHECK(a->integer == v.get<int64_t>());
    // A whole number beyond int64 is told apart: a rule reading it as an int gets a fault.
    CHECK((a->kind == Attr::Kind::big_unsigned) == (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)));
  }
}

}  // namespace

TEST_CASE("attrs: every form of record decodes as the JSON parser reads it", "[eval][attrs]") {
  for (const char* text : {
           R"({"plate":"样A86097","purpose":"private","km":30})",
           R"({"amount":71,"diners":2,"public_funds":true})",
           R"({})",
           " { \"a\" : 1 ,\n\t\"b\" :\r\"x\" } ",
           R"({"n":null,"f":false,"t":true})",
           R"({"d":1.50,"e":1E2,"z":-0,"zz":-0.0,"neg":-42,"tiny":5e-324,"frac":0.1})",
           R"({"max":9223372036854775807,"min":-9223372036854775808})",
           R"({"big":18446744073709551615,"past":18446744073709551616,"below":-9223372036854775809})",
           R"({"esc":"a\"b\\c\n\u4e2d\ud83d\ude00","slash":"\/"})",
           R"({"list":[1,2,{"x":"y"}],"obj":{"k":[]}})",
           R"({"date":"2026-11-20","ts":"2026-11-20T09:30:00+08:00"})",
       })
    same_as_parser(text);
}

TEST_CASE("attrs: what the JSON parser refuses is refused", "[eval][attrs]") {
  for (const std::string text : {
           std::string(R"({"a":1,"a":2})"),          // a key written twice
           std::string(R"({"a":1,})"),               // a trailing comma
           std::string(R"({"a":01})"),               // a leading zero
           std::string(R"({"a":1.})"),               // a point without digits
           std::string(R"({"a":+1})"),               // a plus sign
           std::string(R"({"a":1e400})"),            // beyond a double
           std::string(R"({"a":"x"} extra)"),        // text after the object
           std::string(R"({"a":tru})"),              // a word cut short
           std::string("{\"a\":\"\x01\"}"),          // a control character in a string
           std::string("{\"a\":\"\xff\xfe\"}"),      // not UTF-8
           std::string("{\"a\":\"\xed\xa0\x80\"}"),  // an encoded surrogate
           std::string(R"({"a":"\ud800"})"),         // a lone surrogate escape
           std::string(R"([1,2])"),                  // not an object
           std::string(R"("text")"),
           std::string(R"({"a":1)"),                                                      // cut off
           std::string("{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}"),  // too deep
       })
    same_as_parser(text);
}

TEST_CASE("attrs: empty text is no attributes, and entries are reused from record to record", "[eval][attrs]") {
  eval::Attrs attrs;
  std::string why;
  REQUIRE(attrs.decode(R"({"a":1,"b":"long enough to need its own allocation, surely"})", why));
  REQUIRE(attrs.size() == 2);
  REQUIRE(attrs.decode("", why));
  CHECK(attrs.size() == 0);
  CHECK(attrs.find("a") == nullptr);
  REQUIRE(attrs.decode(R"({"b":2})", why));
  REQUIRE(attrs.size() == 1);
  CHECK(attrs.find("a") == nullptr);
  REQUIRE(attrs.find("b"));
  CHECK(attrs.find("b")->kind == Attr::Kind::integer);
  CHECK(attrs.find("b")->integer == 2);
  // A refused record leaves no entries behind from the one before.
  CHECK_FALSE(attrs.decode(R"({"c":1,"c":2})", why));
  CHECK(attrs.size() == 0);
}
