#include <catch2/catch.hpp>

#include "base/timestamp.h"

using namespace jiandu;

TEST_CASE("dates: month arithmetic clamps to the month's end", "[time]") {
  CHECK(Date::parse("2024-01-31")->add_months(1).str() == "2024-02-29");
  CHECK(Date::parse("2023-01-31")->add_months(1).str() == "2023-02-28");
  CHECK(Date::parse("2024-03-31")->add_months(-1).str() == "2024-02-29");
  CHECK(Date::parse("2024-11-30")->add_months(2).str() == "2025-01-30");
  CHECK(Date::parse("2024-02-29")->add_months(12).str() == "2025-02-28");
}

TEST_CASE("dates: parsing rejects impossible dates", "[time]") {
  CHECK_FALSE(Date::parse("2023-02-29"));
  CHECK_FALSE(Date::parse("2024-13-01"));
  CHECK_FALSE(Date::parse("2024-1-01"));
  CHECK(Date::parse("2024-02-29"));
  CHECK(Date::parse("2026-11-26")->weekday() == 4);  // a Thursday
}

TEST_CASE("timestamps: local time in the store's zone unless an offset is given", "[time]") {
  Zone sh("Asia/Shanghai");
  std::string why;
  auto a = parse_timestamp("2024-03-01T23:30", sh, &why);
  REQUIRE(a);
  CHECK(a->local_date().str() == "2024-03-01");
  CHECK(a->utc == parse_timestamp("2024-03-01T15:30:00Z", sh, &why)->utc);
  CHECK(a->str() == "2024-03-01T23:30:00+08:00");

  // An instant given in UTC that is already the next day in Shanghai.
  auto b = parse_timestamp("2024-03-01T16:30:00Z", sh, &why);
  CHECK(b->local_date().str() == "2024-03-02");
  auto c = parse_timestamp("2024-03-01 09:00:00.250+0800", sh, &why);
  REQUIRE(c);
  CHECK(c->str() == "2024-03-01T09:00:00+08:00");
  CHECK(parse_timestamp("2024-03-01", sh, &why)->str() == "2024-03-01T00:00:00+08:00");
}

TEST_CASE("timestamps: a zone other than Shanghai decides the local day", "[time]") {
  Zone utc("UTC");
  std::string why;
  auto t = parse_timestamp("2024-03-01T23:30", utc, &why);
  CHECK(t->str() == "2024-03-01T23:30:00+00:00");
  Zone ny("America/New_York");
  auto s = parse_timestamp("2024-07-01T12:00", ny, &why);
  CHECK(s->offset == -4 * 3600);  // daylight saving time
  auto w = parse_timestamp("2024-01-01T12:00", ny, &why);
  CHECK(w->offset == -5 * 3600);
}

TEST_CASE("timestamps: malformed texts say why", "[time]") {
  Zone sh("Asia/Shanghai");
  std::string why;
  CHECK_FALSE(parse_timestamp("yesterday", sh, &why));
  CHECK_FALSE(parse_timestamp("2024-03-01T25:00", sh, &why));
  CHECK(why == "time of day out of range");
  CHECK_FALSE(parse_timestamp("2024-03-01T10:00+8", sh, &why));
  CHECK_FALSE(parse_timestamp("2024-03-01T10:00 extra", sh, &why));
}

TEST_CASE("zones: an unknown zone is a clear error", "[time]") {
  CHECK_THROWS_WITH(Zone("Mars/Olympus"), Catch::Contains("unknown time zone 'Mars/Olympus'"));
  CHECK(Zone("+05:30").offset_at(0) == 19800);
}
