// Hardening of import and the catalog (issue 14, classes 1–3): JSON nested 100,000 deep is
// quarantined with its reason before anything recurses into it; integers beyond int64 are
// refused for an int attribute and kept for a decimal one; the catalog's YAML is read
// through Node copies (the ASan build checks the rest).
#include <chrono>

#include <catch2/catch.hpp>

#include "base/json_limits.h"
#include "store/import.h"
#include "support/temp_dir.h"

using namespace jiandu;

namespace {

using Clock = std::chrono::steady_clock;

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Store> store = Store::create(dir.path("s.db"));
  Fixture() { import_files(*store, {dir.write("orgs.csv", "id,parent,kind,name\no1,,organ,市财政局\n")}, {}); }
  ImportReport import(const std::string& name, const std::string& text) { return import_files(*store, {dir.write(name, text)}, {}); }
  int64_t events() { return store->db().execAndGet("SELECT count(*) FROM events").getInt64(); }
};

const std::string kDeep = repeat("[", 100000) + repeat("]", 100000);
const std::string kTooDeep = "nested deeper than 64 levels of arrays and objects";

}  // namespace

TEST_CASE("hardening: json_depth counts brackets outside strings and stops early", "[hardening][store]") {
  CHECK(json_depth("") == 0);
  CHECK(json_depth("1") == 0);
  CHECK(json_depth("{}") == 1);
  CHECK(json_depth(R"({"a": [1, {"b": []}]})") == 4);
  CHECK(json_depth(R"({"a": "[[[[{{{{"})") == 1);
  CHECK(json_depth(R"({"a": "\"[[[["})") == 1);         // an escaped quote does not end the string
  CHECK(json_depth(R"({"a": "\\", "b": [[]]})") == 3);  // nor does an escaped backslash start one
  CHECK(json_depth(kDeep) == kMaxJsonDepth + 1);        // stops once past the limit
  CHECK(json_depth(repeat("[", 64) + repeat("]", 64)) == 64);
  std::string why;
  CHECK(parse_json_bounded(repeat("[", 64) + repeat("]", 64), why).is_array());
  CHECK(parse_json_bounded(repeat("[", 65) + repeat("]", 65), why).is_discarded());
  CHECK(why == kTooDeep);
  CHECK(parse_json_bounded("{oops", why).is_discarded());
  CHECK(why == "not valid JSON at character 2");  // where it went wrong
  CHECK(parse_json_bounded(R"({"a": 1e400})", why).is_discarded());
  CHECK(why == "a number past the range of a double");
}

TEST_CASE("hardening: attrs nested 100,000 deep are quarantined at import, in every form", "[hardening][store]") {
  auto t0 = Clock::now();
  Fixture f;
  // JSONL with attrs as an object, JSONL with attrs as JSON text, and CSV.
  auto jsonl = f.import("events.jsonl", R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1}})"
                                        "\n"
                                        R"({"id":"e2","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":)" +
                                            kDeep + "}}\n" +
                                            R"({"id":"e3","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":"{\"amount\":)" +
                                            kDeep + "}\"}\n" +
                                            R"({"id":"e4","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":2}})"
                                            "\n");
  CHECK(jsonl.committed);
  CHECK(jsonl.counts[RecordKind::events].added == 2);
  REQUIRE(jsonl.rejections.size() == 2);
  CHECK(jsonl.rejections[0].line == 2);
  CHECK(jsonl.rejections[0].code == "bad_json");
  CHECK(jsonl.rejections[0].reason == kTooDeep);
  CHECK(jsonl.rejections[1].line == 3);
  CHECK(jsonl.rejections[1].code == "bad_json");
  CHECK(jsonl.rejections[1].reason == "attrs is " + kTooDeep);

  auto csv = f.import("events.csv",
                      "id,ts,type,org,person,ref,attrs\n"
                      "e5,2024-01-16,expense.meal,o1,,,\"{\"\"amount\"\": " +
                          kDeep +
                          "}\"\n"
                          "e6,2024-01-16,expense.meal,o1,,,\"{\"\"amount\"\": 3}\"\n");
  CHECK(csv.counts[RecordKind::events].added == 1);
  REQUIRE(csv.rejections.size() == 1);
  CHECK(csv.rejections[0].line == 2);
  CHECK(csv.rejections[0].code == "bad_json");
  CHECK(csv.rejections[0].reason == "attrs is " + kTooDeep);
  CHECK(f.events() == 3);
  // The raw line is kept in quarantine as it was written, however deep.
  CHECK(f.store->db().execAndGet("SELECT length(raw) FROM rejected WHERE line = 2 AND file LIKE '%.csv'").getInt64() > 200000);
  CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 10.0);
}

TEST_CASE("hardening: a whole JSONL record nested 100,000 deep is quarantined, not parsed", "[hardening][store]") {
  Fixture f;
  auto r = f.import("events.jsonl", kDeep +
                                        "\n"
                                        R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1}})"
                                        "\n");
  CHECK(r.counts[RecordKind::events].added == 1);
  REQUIRE(r.rejections.size() == 1);
  CHECK(r.rejections[0].line == 1);
  CHECK(r.rejections[0].reason == kTooDeep);
}

TEST_CASE("hardening: below the depth limit attrs reach the catalog's check", "[hardening][store]") {
  Fixture f;
  // The record is one level and attrs another: 62 more stay within 64, and the catalog
  // then says what is wrong (an amount is a number, not a list).
  std::string nested = repeat("[", 62) + "1" + repeat("]", 62);
  auto r =
      f.import("events.jsonl", R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":)" + nested + "}}\n");
  REQUIRE(r.rejections.size() == 1);
  CHECK(r.rejections[0].code == "bad_attr");
  CHECK(r.rejections[0].reason.rfind("attribute 'amount' must be decimal", 0) == 0);
}

TEST_CASE("hardening: an int attribute beyond int64 is quarantined with its reason; a decimal keeps it", "[hardening][store]") {
  Fixture f;
  auto r = f.import("events.jsonl",
                    R"({"id":"e1","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1,"diners":18446744073709551615}})"
                    "\n"
                    R"({"id":"e2","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1,"diners":9223372036854775808}})"
                    "\n"
                    R"({"id":"e3","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1,"diners":9223372036854775807}})"
                    "\n"
                    R"({"id":"e4","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":18446744073709551615}})"
                    "\n"
                    R"({"id":"e5","ts":"2024-01-15","type":"expense.meal","org":"o1","attrs":{"amount":1,"diners":-9223372036854775809}})"
                    "\n");
  REQUIRE(r.rejections.size() == 3);
  CHECK(r.rejections[0].line == 1);
  CHECK(r.rejections[0].code == "bad_attr");
  CHECK(r.rejections[0].reason ==
        "attribute 'diners' is 18446744073709551615, beyond the int range (-9223372036854775808 to "
        "9223372036854775807); declare it decimal in the catalog to keep such values");
  CHECK(r.rejections[1].line == 2);
  CHECK(r.rejections[1].code == "bad_attr");
  // Below int64's minimum nlohmann reads a decimal: not an int, refused as such.
  CHECK(r.rejections[2].line == 5);
  CHECK(r.rejections[2].reason.find("must be int") != std::string::npos);
  CHECK(r.counts[RecordKind::events].added == 2);
  CHECK(f.store->db().execAndGet("SELECT attrs FROM events WHERE id = 'e3'").getString() == R"({"amount":1,"diners":9223372036854775807})");
  CHECK(f.store->db().execAndGet("SELECT attrs FROM events WHERE id = 'e4'").getString() == R"({"amount":18446744073709551615})");
}

TEST_CASE("hardening: an integer id or ref beyond int64 is kept as written, not as -1", "[hardening][store]") {
  Fixture f;
  auto r = f.import(
      "events.jsonl",
      R"({"id":18446744073709551615,"ts":"2024-01-15","type":"expense.meal","org":"o1","ref":9223372036854775808,"attrs":{"amount":1}})"
      "\n");
  CHECK(r.counts[RecordKind::events].added == 1);
  CHECK(f.store->db().execAndGet("SELECT id || ' ' || ref FROM events").getString() == "18446744073709551615 9223372036854775808");
}

TEST_CASE("hardening: a catalog read through Node copies keeps every type and attribute", "[hardening][store]") {
  Catalog c;
  Diagnostics d;
  c.load(std::make_shared<const Source>(
             "cat.yaml",
             "types:\n"
             "  a.one: {title: 一, attrs: {n: int, s: {type: string, values: [x, y]}, d: {type: decimal, required: true}}}\n"
             "  a.two:\n"
             "    title: 二\n"
             "    attrs:\n"
             "      when: date\n"
             "      k: {type: int, values: ['1', '2']}\n"),
         d);
  CHECK(d.items().empty());
  REQUIRE(c.find("a.one"));
  REQUIRE(c.find("a.two"));
  CHECK(c.find("a.one")->attrs.size() == 3);
  CHECK(c.find("a.one")->attr("d")->required);
  CHECK(c.find("a.one")->attr("s")->values == std::vector<std::string>{"x", "y"});
  CHECK(c.find("a.two")->title == "二");
  // An enumerated int is compared as written, not thrown on as a string.
  CHECK(c.check_attrs(*c.find("a.two"), nlohmann::json::parse(R"({"k": 2})")) == std::nullopt);
  CHECK(c.check_attrs(*c.find("a.two"), nlohmann::json::parse(R"({"k": 3})")) ==
        std::optional<std::string>("attribute 'k' is '3', not one of its allowed values"));
}
