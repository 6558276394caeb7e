#include <cctype>
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

namespace {

const char* unit_zh(DurationUnit u) {
  static const char* units[] = {"日", "个工作日", "周", "个月", "个季度", "年"};
  return units[int(u)];
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<DurationUnit> parse_unit(std::string_view unit) {
  for (auto u :
       {DurationUnit::days, DurationUnit::workdays, DurationUnit::weeks, DurationUnit::months, DurationUnit::quarters, DurationUnit::years})
    if (unit == unit_name(u, true) || unit == unit_name(u, false)) return u;
  return std::nullopt;
}

// "N UNIT"
std::optional<Duration> parse_plain(std::string_view s) {
  s = trim(s);
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 6) return std::nullopt;
  Duration d;
  std::from_chars(s.data(), s.data() + i, d.n);
  auto u = parse_unit(trim(s.substr(i)));
  if (!u) return std::nullopt;
  d.unit = *u;
  return d;
}

}  // namespace

std::string Duration::str() const {
  std::string own = std::to_string(n) + " " + unit_name(unit, n != 1);
  if (!from_data()) return own;
  return "trigger.attrs." + attr + " " + unit_name(attr_unit, true) + (has_fallback ? " or " + own : "");
}

std::string Duration::zh() const {
  std::string own = std::to_string(n) + unit_zh(unit);
  if (!from_data()) return own;
  return "记录的 " + attr + " " + std::string(unit_zh(attr_unit)) + (has_fallback ? "（未记录时 " + own + "）" : "");
}

std::optional<Duration> parse_duration(std::string_view s) {
  s = trim(s);
  constexpr std::string_view prefix = "trigger.attrs.";
  if (s.substr(0, prefix.size()) != prefix) return parse_plain(s);
  // trigger.attrs.NAME UNIT [or N UNIT]
  s.remove_prefix(prefix.size());
  size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
  if (i == 0 || i > 64 || std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  Duration d;
  d.attr = std::string(s.substr(0, i));
  std::string_view rest = trim(s.substr(i));
  size_t or_at = rest.find(" or ");
  auto u = parse_unit(trim(rest.substr(0, or_at)));
  if (!u) return std::nullopt;
  d.attr_unit = *u;
  if (or_at != std::string_view::npos) {
    auto own = parse_plain(rest.substr(or_at + 4));
    if (!own) return std::nullopt;
    d.n = own->n;
    d.unit = own->unit;
    d.has_fallback = true;
  } else {
    d.unit = d.attr_unit;
  }
  return d;
}

}  // namespace jiandu::load
