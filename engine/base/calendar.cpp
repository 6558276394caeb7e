#include "base/calendar.h"

#include <yaml-cpp/yaml.h>

#include "base/error.h"
#include "base/fnv.h"
#include "base/yaml_span.h"

namespace jiandu {

void Calendar::load(const SourcePtr& src, Diagnostics& diags) {
  YAML::Node root;
  try {
    root = YAML::Load(src->text());
  } catch (const YAML::ParserException& e) {
    diags.error("K001", Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid YAML: " + e.msg);
    return;
  }
  if (!root.IsMap() || !root["year"]) {
    diags.error("K002", span_of(root, src), "a calendar file has `year`, `holidays` and `workdays`");
    return;
  }
  int year = 0;
  try {
    year = root["year"].as<int>();
  } catch (...) {
    diags.error("K002", span_of(root["year"], src), "`year` must be a year such as 2026");
    return;
  }
  CalendarYear y;
  if (root["source"]) y.source = root["source"].as<std::string>();
  auto date_at = [&](const YAML::Node& n) -> std::optional<Date> {
    auto d = n.IsScalar() ? Date::parse(n.Scalar()) : std::nullopt;
    if (!d) diags.error("K003", span_of(n, src), "not a date YYYY-MM-DD");
    return d;
  };
  for (const auto& h : root["holidays"]) {
    auto from = date_at(h["from"]), to = date_at(h["to"]);
    if (!from || !to) continue;
    if (*to < *from) {
      diags.error("K004", span_of(h["to"], src), "`to` is before `from`");
      continue;
    }
    std::string name = h["name"] ? h["name"].as<std::string>() : "";
    for (Date d = *from; d <= *to; d = d.add_days(1)) y.rest[d.days] = name;
  }
  for (const auto& w : root["workdays"]) {
    auto d = date_at(w);
    if (!d) continue;
    if (d->weekday() < 6) diags.warning("K005", span_of(w, src), d->str() + " is a weekday: a make-up working day is a Saturday or Sunday");
    if (y.rest.count(d->days)) diags.error("K004", span_of(w, src), d->str() + " is both a rest day and a working day");
    y.makeup.insert(d->days);
  }
  if (years_.count(year)) {
    diags.error("K006", span_of(root["year"], src), "a second calendar for " + std::to_string(year));
    return;
  }
  years_[year] = std::move(y);
}

Calendar Calendar::from_files(const std::vector<std::string>& files) {
  Calendar c;
  Diagnostics d;
  for (auto& f : files) c.load(Source::read_file(f), d);
  if (d.has_errors()) throw Error("the calendars have errors:\n" + render_all(d));
  return c;
}

std::vector<int> Calendar::years() const {
  std::vector<int> out;
  for (auto& [y, _] : years_) out.push_back(y);
  return out;
}

std::string Calendar::describe() const {
  if (years_.empty()) return "无工作日历";
  return "国务院节假日安排（" + std::to_string(years_.begin()->first) + "–" + std::to_string(years_.rbegin()->first) + "年）";
}

std::string Calendar::fingerprint() const {
  Fnv h;
  for (auto& [year, y] : years_) {
    h.add(int64_t(year));
    for (auto& [day, name] : y.rest) h.add(int64_t(day)).add(name);
    h.add("makeup");
    for (int32_t day : y.makeup) h.add(int64_t(day));
  }
  return h.hex();
}

const CalendarYear& Calendar::year_of(Date d) const {
  auto it = years_.find(d.year());
  if (it == years_.end()) {
    // The rest days of a holiday may start in the year before (元旦 2023 began 2022-12-31),
    // but a year is only known from its own notice.
    throw CalendarError("no working-day calendar for " + std::to_string(d.year()) + " (needed for " + d.str() +
                        "): add rules/calendars/" + std::to_string(d.year()) +
                        ".yaml from the State Council's notice for that year");
  }
  return it->second;
}

bool Calendar::is_holiday(Date d) const {
  // A rest day listed under the next year's notice (e.g. 2022-12-31 in 2023's 元旦).
  if (auto next = years_.find(d.year() + 1); next != years_.end() && next->second.rest.count(d.days)) return true;
  return year_of(d).rest.count(d.days) > 0;
}

std::string Calendar::holiday_name(Date d) const {
  if (auto next = years_.find(d.year() + 1); next != years_.end())
    if (auto it = next->second.rest.find(d.days); it != next->second.rest.end()) return it->second;
  auto& y = year_of(d);
  auto it = y.rest.find(d.days);
  return it == y.rest.end() ? "" : it->second;
}

bool Calendar::is_workday(Date d) const {
  const CalendarYear& y = year_of(d);
  if (y.makeup.count(d.days)) return true;
  if (is_holiday(d)) return false;
  return d.weekday() <= 5;
}

Date Calendar::add_workdays(Date d, int64_t n) const {
  if (n < 0) return sub_workdays(d, -n);
  while (n > 0) {
    d = d.add_days(1);
    if (is_workday(d)) --n;
  }
  return d;
}

Date Calendar::sub_workdays(Date d, int64_t n) const {
  while (n > 0) {
    d = d.add_days(-1);
    if (is_workday(d)) --n;
  }
  return d;
}

int64_t Calendar::workdays_between(Date a, Date b) const {
  if (b < a) return -workdays_between(b, a);
  int64_t n = 0;
  for (Date d = a.add_days(1); d <= b; d = d.add_days(1)) n += is_workday(d);
  return n;
}

}  // namespace jiandu
