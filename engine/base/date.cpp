#include "base/date.h"

#include <chrono>
#include <cstdio>

namespace jiandu {
namespace chr = std::chrono;

bool valid_ymd(int y, unsigned m, unsigned d) { return chr::year_month_day{chr::year{y}, chr::month{m}, chr::day{d}}.ok(); }

unsigned days_in_month(int y, unsigned m) {
  return unsigned(chr::year_month_day_last{chr::year{y}, chr::month_day_last{chr::month{m}}}.day());
}

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  auto sd = chr::sys_days{chr::year_month_day{chr::year{y}, chr::month{m}, chr::day{d}}};
  return Date{int32_t(sd.time_since_epoch().count())};
}

static chr::year_month_day ymd_of(Date d) { return chr::year_month_day{chr::sys_days{chr::days{d.days}}}; }

int Date::year() const { return int(ymd_of(*this).year()); }
unsigned Date::month() const { return unsigned(ymd_of(*this).month()); }
unsigned Date::day() const { return unsigned(ymd_of(*this).day()); }
unsigned Date::weekday() const { return chr::weekday{chr::sys_days{chr::days{days}}}.iso_encoding(); }

std::string Date::str() const {
  auto ymd = ymd_of(*this);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

Date Date::add_months(int n) const {
  auto ymd = ymd_of(*this);
  int total = int(ymd.year()) * 12 + int(unsigned(ymd.month())) - 1 + n;
  int y = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned m = unsigned(total - y * 12) + 1;
  unsigned d = std::min(unsigned(ymd.day()), days_in_month(y, m));
  return from_ymd(y, m, d);
}

static bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<Date> Date::parse(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  if (!valid_ymd(y, unsigned(m), unsigned(d))) return std::nullopt;
  return from_ymd(y, unsigned(m), unsigned(d));
}

}  // namespace jiandu
