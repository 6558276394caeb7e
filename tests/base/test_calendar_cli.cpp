// jiandu calendar: the days and periods a rule author (and bench/) reads are the engine's own.
#include <catch2/catch.hpp>

#include "support/cli.h"
#include "support/temp_dir.h"

using jiandu::test::run_cli;

TEST_CASE("calendar command: the National Day week of 2026, its make-up Saturday and an ordinary Sunday", "[calendar][cli]") {
  int rc = -1;
  auto out = run_cli("calendar --from 2026-09-30 --to 2026-10-11 --format csv", rc);
  CHECK(rc == 0);
  CHECK(out.find("\xEF\xBB\xBF"
                 "date,weekday,workday,holiday,name,year\r\n") == 0);
  CHECK(out.find("2026-09-30,3,1,0,,official\r\n") != std::string::npos);
  CHECK(out.find("2026-10-01,4,0,1,国庆节,official\r\n") != std::string::npos);
  CHECK(out.find("2026-10-07,3,0,1,国庆节,official\r\n") != std::string::npos);
  CHECK(out.find("2026-10-10,6,1,0,,official\r\n") != std::string::npos);  // 调休上班
  CHECK(out.find("2026-10-11,7,0,0,,official\r\n") != std::string::npos);
  CHECK(std::count(out.begin(), out.end(), '\n') == 13);  // the header and 12 days

  auto table = run_cli("calendar --from 2026-10-10 --to 2026-10-10", rc);
  CHECK(rc == 0);
  CHECK(table == "2026-10-10  星期六  工作日（调休上班）\n");
}

TEST_CASE("calendar command: a provisional year says so; a year no calendar covers is an error", "[calendar][cli]") {
  int rc = -1;
  auto out = run_cli("calendar --from 2027-01-01 --to 2027-01-01", rc);
  CHECK(rc == 0);
  CHECK(out == "2027-01-01  星期五  休息日  元旦  （暂定日历：按法定节假日推算）\n");

  auto beyond = run_cli("calendar --from 2035-12-31 --to 2036-01-01 --format csv", rc);
  CHECK(rc == 2);
  CHECK(beyond.find("no working-day calendar for 2036") != std::string::npos);

  run_cli("calendar --from 2026-10-02 --to 2026-10-01", rc);
  CHECK(rc == 2);
  auto huge = run_cli("calendar --from 1990-01-01 --to 2090-01-01", rc);
  CHECK(rc == 2);
  CHECK(huge.find("at most") != std::string::npos);
  run_cli("calendar --from 2026-02-30 --to 2026-03-01", rc);
  CHECK(rc == 2);
}

TEST_CASE("calendar command: a rule set's own calendar file replaces the built-in year", "[calendar][cli]") {
  jiandu::test::TempDir dir;
  dir.write("calendars/2026.yaml",
            "year: 2026\nsource: a test notice\nholidays:\n  - {name: 测试假日, from: 2026-03-02, to: 2026-03-02}\nworkdays: []\n");
  int rc = -1;
  auto out = run_cli("calendar --calendars " + dir.path("calendars") + " --from 2026-03-02 --to 2026-03-02 --format csv", rc);
  CHECK(rc == 0);
  CHECK(out.find("2026-03-02,1,0,1,测试假日,official\r\n") != std::string::npos);
  auto builtin = run_cli("calendar --from 2026-03-02 --to 2026-03-02 --format csv", rc);
  CHECK(builtin.find("2026-03-02,1,1,0,,official\r\n") != std::string::npos);
}

TEST_CASE("calendar command: periods by the engine's index, each one's first and last day", "[calendar][cli]") {
  int rc = -1;
  auto out = run_cli("calendar --periods quarter --from 2026-02-10 --to 2026-07-01 --format csv", rc);
  CHECK(rc == 0);
  CHECK(out ==
        "\xEF\xBB\xBF"
        "index,label,start,end\r\n8104,2026-Q1,2026-01-01,2026-03-31\r\n8105,2026-Q2,2026-04-01,2026-06-30\r\n"
        "8106,2026-Q3,2026-07-01,2026-09-30\r\n");
  auto months = run_cli("calendar --periods month --from 2024-02-01 --to 2024-02-29", rc);
  CHECK(rc == 0);
  CHECK(months == "2024-02    2024-02-01 至 2024-02-29\n");
  run_cli("calendar --periods fortnight --from 2026-01-01 --to 2026-01-02", rc);
  CHECK(rc == 2);
}
