// The working-day calendar: official years compiled in, provisional years from the statutory
// holidays, a deployment's own years over them, and nothing ever guessed.
#include <catch2/catch.hpp>

#include "base/calendar.h"
#include "base/error.h"
#include "support/temp_dir.h"

using namespace jiandu;

namespace {

Date d(const char* s) { return *Date::parse(s); }

Calendar with_text(const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& diags) {
  Calendar c;
  for (auto& [name, text] : files) c.load(std::make_shared<const Source>(name, text), diags);
  return c;
}

}  // namespace

TEST_CASE("calendar: the built-in one has the official years and provisional years to 2035, and no more", "[calendar]") {
  Calendar c = Calendar::builtin();
  CHECK(c.years() == std::vector<int>{2023, 2024, 2025, 2026});
  CHECK(c.provisional_years() == std::vector<int>{2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035});
  CHECK(c.is_official(2026));
  CHECK(c.is_provisional(2027));
  CHECK_FALSE(c.has_year(2036));
  CHECK_FALSE(c.has_year(2022));
  CHECK_THROWS_AS(c.is_workday(d("2036-01-02")), CalendarError);
  CHECK_THROWS_WITH(c.add_workdays(d("2035-12-20"), 15), Catch::Contains("no working-day calendar for 2036"));
  CHECK(c.describe() == "国务院节假日安排（2023–2026年）；2027–2035年按暂定日历（法定节假日）");
}

TEST_CASE("calendar: the statutory dates agree with the design notes' table, and each holiday has its shape", "[calendar]") {
  // year, 除夕 (first of the 4 days of 春节), 清明, 端午, 中秋 — ../shared/design/calendars.md.
  const std::vector<std::array<const char*, 5>> table{
      {"2027", "2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15"}, {"2028", "2028-01-25", "2028-04-04", "2028-05-28", "2028-10-03"},
      {"2029", "2029-02-12", "2029-04-04", "2029-06-16", "2029-09-22"}, {"2030", "2030-02-02", "2030-04-05", "2030-06-05", "2030-09-12"},
      {"2031", "2031-01-22", "2031-04-05", "2031-06-24", "2031-10-01"}, {"2032", "2032-02-10", "2032-04-04", "2032-06-12", "2032-09-19"},
      {"2033", "2033-01-30", "2033-04-04", "2033-06-01", "2033-09-08"}, {"2034", "2034-02-18", "2034-04-05", "2034-06-20", "2034-09-27"},
      {"2035", "2035-02-07", "2035-04-05", "2035-06-10", "2035-09-16"}};
  Calendar c = Calendar::builtin();
  for (auto& row : table) {
    int year = std::stoi(row[0]);
    INFO(year);
    Date eve = d(row[1]);
    for (int i = 0; i < 4; ++i) CHECK(c.holiday_name(eve.add_days(i)) == "春节");
    CHECK(c.holiday_name(eve.add_days(-1)) != "春节");
    CHECK(c.holiday_name(eve.add_days(4)) != "春节");
    CHECK(c.holiday_name(d(row[2])) == "清明节");
    CHECK(c.holiday_name(d(row[3])) == "端午节");
    CHECK(c.holiday_name(d(row[4])).find("中秋节") != std::string::npos);
    // The shapes: 除夕 from 20 January to 19 February, 清明 on 4 or 5 April.
    CHECK(eve >= Date::from_ymd(year, 1, 20));
    CHECK(eve <= Date::from_ymd(year, 2, 19));
    CHECK((d(row[2]) == Date::from_ymd(year, 4, 4) || d(row[2]) == Date::from_ymd(year, 4, 5)));
    for (auto [m, day] : {std::pair{1u, 1u}, {5u, 1u}, {5u, 2u}, {10u, 1u}, {10u, 2u}, {10u, 3u}})
      CHECK(c.is_holiday(Date::from_ymd(year, m, day)));
    // Nothing else is a rest day on a weekday, and no weekend day is worked.
    int weekday_rest = 0;
    for (Date x = Date::from_ymd(year, 1, 1); x.year() == year; x = x.add_days(1)) {
      if (x.weekday() >= 6)
        CHECK_FALSE(c.is_workday(x));
      else if (!c.is_workday(x))
        ++weekday_rest;
    }
    CHECK(weekday_rest <= 13);
  }
  // 中秋 2031 falls on 国庆: one day, both names.
  CHECK(c.holiday_name(d("2031-10-01")) == "国庆节、中秋节");
}

TEST_CASE("calendar: a December obligation runs into provisional 2027 (元旦 a rest day, no make-up days)", "[calendar]") {
  Calendar c = Calendar::builtin();
  CHECK(c.add_workdays(d("2026-12-20"), 15).str() == "2027-01-11");
  CHECK_FALSE(c.is_workday(d("2027-01-01")));
  CHECK(c.provisional_between(d("2026-12-20"), d("2027-01-11")) == std::vector<int>{2027});
  CHECK(c.provisional_between(d("2026-01-01"), d("2026-12-31")).empty());
  // Across the provisional Spring Festival (02-05 to 02-08).
  CHECK(c.add_workdays(d("2027-01-20"), 15).str() == "2027-02-12");
  CHECK(c.workdays_between(d("2027-02-04"), d("2027-02-09")) == 1);
}

TEST_CASE("calendar: an official file for a provisional year replaces it, make-up days and all", "[calendar]") {
  Diagnostics diags;
  Calendar own = with_text({{"2027.yaml",
                             "year: 2027\nsource: 测试通知\n"
                             "holidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}\n"
                             "workdays: [2027-01-09]\n"}},
                           diags);
  REQUIRE_FALSE(diags.has_errors());
  Calendar c = Calendar::builtin();
  std::string before = c.fingerprint();
  c.overlay(own);
  CHECK(c.is_official(2027));
  CHECK_FALSE(c.is_provisional(2027));
  CHECK(c.fingerprint() != before);
  CHECK(c.is_workday(d("2027-01-09")));  // a Saturday worked
  CHECK(c.add_workdays(d("2026-12-20"), 15).str() == "2027-01-09");
  // Its holidays are the notice's only: the statutory Spring Festival is gone with the rest.
  CHECK(c.is_workday(d("2027-02-05")));
  CHECK(c.provisional_between(d("2026-12-20"), d("2027-01-11")).empty());
}

TEST_CASE("calendar: a make-up working day in the previous December is read from the next year's notice", "[calendar]") {
  Diagnostics diags;
  // The 2019 notice made Saturday 2018-12-29 a working day (元旦 2018-12-30 to 2019-01-01).
  Calendar c = with_text({{"2018.yaml", "year: 2018\nholidays: []\nworkdays: []\n"},
                          {"2019.yaml",
                           "year: 2019\nholidays:\n  - {name: 元旦, from: 2018-12-30, to: 2019-01-01}\n"
                           "workdays: [2018-12-29]\n"}},
                         diags);
  INFO(render_all(diags));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(c.is_workday(d("2018-12-29")));
  CHECK_FALSE(c.is_workday(d("2018-12-31")));  // a Monday, but 元旦 of the 2019 notice
  CHECK(c.add_workdays(d("2018-12-28"), 1).str() == "2018-12-29");
}

TEST_CASE("calendar: a rest day moves to the next working day (Civil Code Art. 203)", "[calendar]") {
  Calendar c = Calendar::builtin();
  CHECK(c.next_workday_from(d("2026-10-05")).str() == "2026-10-08");
  CHECK(c.next_workday_from(d("2026-10-08")).str() == "2026-10-08");
  CHECK(c.next_workday_from(d("2026-10-10")).str() == "2026-10-10");  // a make-up Saturday
  CHECK(c.next_workday_from(d("2027-02-06")).str() == "2027-02-09");  // provisional Spring Festival
}

TEST_CASE("calendar: a malformed statutory or year file is a diagnostic with its place", "[calendar]") {
  Diagnostics diags;
  with_text({{"statutory.yaml",
              "statutory:\n  source: 测试\n  moving:\n    - {name: 春节, length: 4}\n    - {name: 清明节, length: 1}\n"
              "  dates:\n    2027: {春节: 2027-02-05, 重阳节: 2027-10-08}\n    2031: {春节: 2030-01-22, 清明节: 2031-04-05}\n"},
             {"2028.yaml", "year: 2028\nholidays:\n  - {name: 元旦, from: 2026-12-31, to: 2027-01-01}\nworkdays: [2025-12-27]\n"}},
            diags);
  std::string out = render_all(diags);
  CHECK_THAT(out, Catch::Contains("statutory.yaml:7:11: error: 2027 has no date for 清明节 [K012]"));
  CHECK_THAT(out, Catch::Contains("'重阳节' is not one of the `moving` holidays [K012]"));
  CHECK_THAT(out, Catch::Contains("statutory.yaml:8:16: error: the date for 春节 is not in 2031 [K012]"));
  CHECK_THAT(out, Catch::Contains("2028.yaml:3:"));
  CHECK_THAT(out, Catch::Contains("[K007]"));
  CHECK(diags.count(Severity::error) == 5);
}

TEST_CASE("calendar: from 1 November a missing official calendar for next year is announced", "[calendar]") {
  Calendar c = Calendar::builtin();
  CHECK(year_end_notice(c, d("2026-10-31")).empty());
  CHECK_THAT(year_end_notice(c, d("2026-11-01")), Catch::Contains("2027") && Catch::Contains("provisional"));
  CHECK_THAT(year_end_notice(c, d("2027-03-01")), Catch::Contains("2027"));  // the year itself, still without one
  Diagnostics diags;
  c.overlay(with_text({{"2027.yaml", "year: 2027\nholidays: []\nworkdays: []\n"}}, diags));
  CHECK(year_end_notice(c, d("2026-12-01")).empty());
  CHECK_THAT(year_end_notice(Calendar::builtin(), d("2035-11-01")), Catch::Contains("will stop"));
}

TEST_CASE("calendar: a deployment folder adds years over the built-in ones", "[calendar]") {
  test::TempDir dir;
  auto f = dir.write("calendars/2027.yaml", "year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}\nworkdays: []\n");
  Calendar c = Calendar::with_files({f});
  CHECK(c.is_official(2026));
  CHECK(c.is_official(2027));
  CHECK(c.is_provisional(2028));
  dir.write("calendars/bad.yaml", "year: [1]\n");
  CHECK_THROWS_AS(Calendar::with_files({dir.path("calendars/bad.yaml")}), Error);
}
