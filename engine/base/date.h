#pragma once
// Civil dates (no time zone) as a day count since 1970-01-01, and the calendar arithmetic
// the regulations use: months clamp to the month's end (民法典 Art.202).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiandu {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  static Date from_ymd(int y, unsigned m, unsigned d);
  static std::optional<Date> parse(std::string_view text);  // YYYY-MM-DD, validated

  int year() const;
  unsigned month() const;
  unsigned day() const;
  unsigned weekday() const;  // ISO: 1 = Monday … 7 = Sunday
  std::string str() const;   // YYYY-MM-DD

  Date add_days(int n) const { return Date{days + n}; }
  Date add_months(int n) const;  // clamps to the last day of the target month

  auto operator<=>(const Date&) const = default;
};

bool valid_ymd(int y, unsigned m, unsigned d);
unsigned days_in_month(int y, unsigned m);

}  // namespace jiandu
