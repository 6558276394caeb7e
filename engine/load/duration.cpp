#include <charconv>

#include "load/spec.h"

namespace jiandu::load {

const char* unit_name(DurationUnit u, bool plural) {
  switch (u) {
    case DurationUnit::days: return plural ? "days" : "day";
    case DurationUnit::workdays: return plural ? "workdays" : "workday";
    case DurationUnit::weeks: return plural ? "weeks" : "week";
    case DurationUnit::months: return plural ? "months" : "month";
    case DurationUnit::quarters: return plural ? "quarters" : "quarter";
    case DurationUnit::years: return plural ? "years" : "year";
  }
  return "?";
}

std::string Duration::str() const { return std::to_string(n) + " " + unit_name(unit, n != 1); }

std::string Duration::zh() const {
  static const char* units[] = {"日", "个工作日", "周", "个月", "个季度", "年"};
  return std::to_string(n) + units[int(unit)];
}

std::optional<Duration> parse_duration(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 6) return std::nullopt;
  Duration d;
  std::from_chars(s.data(), s.data() + i, d.n);
  while (i < s.size() && s[i] == ' ') ++i;
  std::string_view unit = s.substr(i);
  for (auto u : {DurationUnit::days, DurationUnit::workdays, DurationUnit::weeks, DurationUnit::months,
                 DurationUnit::quarters, DurationUnit::years}) {
    if (unit == unit_name(u, true) || unit == unit_name(u, false)) {
      d.unit = u;
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace jiandu::load
