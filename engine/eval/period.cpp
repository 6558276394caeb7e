#include "eval/period.h"

#include <cstdio>

namespace jiandu::eval {

using check::PeriodUnit;

namespace {
// Weeks run Monday to Sunday; 1970-01-05 was a Monday.
constexpr int32_t kFirstMonday = 4;
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

int64_t period_index(PeriodUnit u, Date d) {
  int64_t y = d.year(), m = d.month() - 1;
  switch (u) {
    case PeriodUnit::week: return floor_div(d.days - kFirstMonday, 7);
    case PeriodUnit::month: return y * 12 + m;
    case PeriodUnit::quarter: return y * 4 + m / 3;
    case PeriodUnit::half_year: return y * 2 + m / 6;
    case PeriodUnit::year: return y;
  }
  return 0;
}

Period period_at(PeriodUnit u, int64_t i) {
  Period p;
  p.index = i;
  char buf[32];
  auto months = [&](int64_t first_month, int n) {
    int y = int(floor_div(first_month, 12));
    unsigned m = unsigned(first_month - int64_t(y) * 12) + 1;
    p.start = Date::from_ymd(y, m, 1);
    p.end = p.start.add_months(n).add_days(-1);
  };
  switch (u) {
    case PeriodUnit::week: {
      p.start = Date{int32_t(i * 7 + kFirstMonday)};
      p.end = p.start.add_days(6);
      // ISO week number: the week's Thursday decides the year.
      Date thu = p.start.add_days(3);
      int week = (thu.days - Date::from_ymd(thu.year(), 1, 1).days) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02d", thu.year(), week);
      break;
    }
    case PeriodUnit::month:
      months(i, 1);
      std::snprintf(buf, sizeof buf, "%04d-%02u", p.start.year(), p.start.month());
      break;
    case PeriodUnit::quarter:
      months(i * 3, 3);
      std::snprintf(buf, sizeof buf, "%04d-Q%lld", p.start.year(), static_cast<long long>(i - floor_div(i, 4) * 4 + 1));
      break;
    case PeriodUnit::half_year:
      months(i * 6, 6);
      std::snprintf(buf, sizeof buf, "%04d-H%lld", p.start.year(), static_cast<long long>(i - floor_div(i, 2) * 2 + 1));
      break;
    case PeriodUnit::year:
      months(i * 12, 12);
      std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(i));
      break;
  }
  p.label = buf;
  p.due = p.end;
  return p;
}

bool is_period_label(std::string_view label) {
  if (label.size() < 4 || label.size() > 8) return false;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (label[i] < '0' || label[i] > '9') return false;
    year = year * 10 + (label[i] - '0');
  }
  if (year < 1) return false;
  // Each unit's periods of that year (and the ISO weeks around it), labelled as the engine does.
  Date first = Date::from_ymd(year, 1, 1), last = Date::from_ymd(year, 12, 31);
  for (auto u : {PeriodUnit::week, PeriodUnit::month, PeriodUnit::quarter, PeriodUnit::half_year, PeriodUnit::year})
    for (int64_t i = period_index(u, first.add_days(-7)); i <= period_index(u, last.add_days(7)); ++i)
      if (period_at(u, i).label == label) return true;
  return false;
}

}  // namespace jiandu::eval
