#include "base/calendar.h"

#include <climits>

#include <yaml-cpp/yaml.h>

#include "base/embedded.h"
#include "base/error.h"
#include "base/fnv.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu {

namespace {

std::optional<Date> date_at(const YAML::Node& n, const SourcePtr& src, Diagnostics& diags) {
  auto d = n && n.IsScalar() ? Date::parse(n.Scalar()) : std::nullopt;
  if (!d) diags.report(code::K003, span_of(n, src), "not a date YYYY-MM-DD");
  return d;
}

void add_rest(CalendarYear& y, Date d, const std::string& name) {
  auto [it, fresh] = y.rest.emplace(d.days, name);
  if (!fresh && it->second != name) it->second += "、" + name;  // 中秋 on 国庆 (2031-10-01)
}

std::string span_text(const std::vector<int>& years) {
  if (years.empty()) return "";
  // Runs of consecutive years: "2027年", "2027–2035年", "2027、2029年".
  std::string out;
  for (size_t i = 0; i < years.size();) {
    size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    out += (out.empty() ? "" : "、") + std::to_string(years[i]) + (j > i ? "–" + std::to_string(years[j]) : "");
    i = j + 1;
  }
  return out + "年";
}

}  // namespace

std::string provisional_note(const std::vector<int>& years) { return years.empty() ? "" : span_text(years) + kProvisionalNote; }

std::string year_end_notice(const Calendar& cal, Date today) {
  std::vector<int> missing;
  if (!cal.is_official(today.year())) missing.push_back(today.year());
  if (today.month() >= 11 && !cal.is_official(today.year() + 1)) missing.push_back(today.year() + 1);
  if (missing.empty()) return "";
  std::string years, files;
  for (int y : missing) {
    years += (years.empty() ? "" : " and ") + std::to_string(y);
    files += (files.empty() ? "" : ", ") + ("calendars/" + std::to_string(y) + ".yaml");
  }
  bool covered = true;
  for (int y : missing) covered &= cal.has_year(y);
  return "notice: no official working-day calendar for " + years + " (" + files + "): " +
         (covered ? "its dates are counted on the provisional calendar (statutory holidays, no make-up days) and "
                    "marked 按暂定日历计算; add the State Council's notice when it is published"
                  : "the statutory holidays do not cover it either: commands that count working days there will stop");
}

void Calendar::load(const SourcePtr& src, Diagnostics& diags) {
  read(src, diags);
  index();
}

void Calendar::read(const SourcePtr& src, Diagnostics& diags) {
  try {
    auto parsed = parse_yaml(src, diags, code::K001);
    if (!parsed) return;
    YAML::Node root = *parsed;
    if (root.IsMap() && root["statutory"]) return load_statutory(src, root["statutory"], diags);
    if (!root.IsMap() || !root["year"]) {
      diags.report(code::K002, span_of(root, src),
                   "a calendar file has `year`, `holidays` and `workdays` (or is the `statutory` holidays file)");
      return;
    }
    load_year(src, root, diags);
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    diags.report(code::K001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
  }
}

void Calendar::load_year(const SourcePtr& src, const YAML::Node& root, Diagnostics& diags) {
  int year = 0;
  try {
    year = root["year"].as<int>();
  } catch (...) {
    diags.report(code::K002, span_of(root["year"], src), "`year` must be a year such as 2026");
    return;
  }
  if (year < 1949 || year > 2200) {
    diags.report(code::K002, span_of(root["year"], src), "`year: " + std::to_string(year) + "` is not a year a notice can be for");
    return;
  }
  CalendarYear y;
  if (root["source"] && root["source"].IsScalar()) y.source = root["source"].Scalar();
  for (const auto& h : root["holidays"]) {
    auto from = date_at(h["from"], src, diags), to = date_at(h["to"], src, diags);
    if (!from || !to) continue;
    if (*to < *from || to->days - from->days > 31) {
      diags.report(code::K004, span_of(h["to"], src), *to < *from ? "`to` is before `from`" : "a holiday of more than a month");
      continue;
    }
    // A notice's rest days start at most in the last days of the year before (元旦 2023
    // began 2022-12-31) and end in its own year.
    if (to->year() != year || from->year() < year - 1) {
      diags.report(
          code::K007, span_of(h["from"], src),
          "a rest day of the " + std::to_string(year) + " notice must fall in " + std::to_string(year) + " or the end of the year before");
      continue;
    }
    std::string name = h["name"] && h["name"].IsScalar() ? h["name"].Scalar() : "";
    for (Date d = *from; d <= *to; d = d.add_days(1)) add_rest(y, d, name);
  }
  for (const auto& w : root["workdays"]) {
    auto d = date_at(w, src, diags);
    if (!d) continue;
    // The 2019 notice made 2018-12-29 a working day: the year before is allowed.
    if (d->year() != year && d->year() != year - 1) {
      diags.report(
          code::K007, span_of(w, src),
          "a make-up working day of the " + std::to_string(year) + " notice must fall in " + std::to_string(year) + " or the year before");
      continue;
    }
    if (d->weekday() < 6)
      diags.report(code::K005, span_of(w, src), d->str() + " is a weekday: a make-up working day is a Saturday or Sunday");
    if (y.rest.count(d->days)) diags.report(code::K004, span_of(w, src), d->str() + " is both a rest day and a working day");
    y.makeup.insert(d->days);
  }
  if (official_.count(year)) {
    diags.report(code::K006, span_of(root["year"], src), "a second calendar for " + std::to_string(year));
    return;
  }
  official_[year] = std::move(y);
}

void Calendar::load_statutory(const SourcePtr& src, const YAML::Node& root, Diagnostics& diags) {
  if (!root.IsMap() || !root["dates"] || !root["dates"].IsMap()) {
    diags.report(code::K010, span_of(root, src), "`statutory` has `source`, `fixed`, `moving` and `dates` (year → first days)");
    return;
  }
  if (!statutory_source_.empty()) {
    diags.report(code::K006, span_of(root, src), "a second statutory holidays file");
    return;
  }
  std::string source = root["source"] && root["source"].IsScalar() ? root["source"].Scalar() : "";
  if (source.empty()) diags.report(code::K010, span_of(root, src), "`statutory` needs `source`: the regulation that fixes the holidays");
  struct Fixed {
    std::string name;
    std::vector<std::pair<unsigned, unsigned>> days;
  };
  std::vector<Fixed> fixed;
  for (const auto& f : root["fixed"]) {
    Fixed x{f["name"] && f["name"].IsScalar() ? f["name"].Scalar() : "", {}};
    for (const auto& d : f["days"]) {
      unsigned m = 0, dd = 0;
      char dash = 0;
      std::string t = d.IsScalar() ? d.Scalar() : "";
      if (t.size() != 5 || std::sscanf(t.c_str(), "%2u%c%2u", &m, &dash, &dd) != 3 || dash != '-' || !valid_ymd(2000, m, dd)) {
        diags.report(code::K011, span_of(d, src), "a fixed holiday is a month and day MM-DD, such as 10-01");
        continue;
      }
      x.days.emplace_back(m, dd);
    }
    fixed.push_back(std::move(x));
  }
  std::map<std::string, int> moving;  // name → length in days
  for (const auto& m : root["moving"]) {
    std::string name = m["name"] && m["name"].IsScalar() ? m["name"].Scalar() : "";
    int length = 0;
    try {
      length = m["length"].as<int>();
    } catch (...) {
    }
    if (name.empty() || length < 1 || length > 15) {
      diags.report(code::K011, span_of(m, src), "a moving holiday has a `name` and a `length` of 1 to 15 days");
      continue;
    }
    moving[name] = length;
  }
  for (auto it = root["dates"].begin(); it != root["dates"].end(); ++it) {
    int year = 0;
    try {
      year = it->first.as<int>();
    } catch (...) {
    }
    if (year < 2025 || year > 2200) {  // the revised 放假办法 applies from 2025
      diags.report(code::K012, span_of(it->first, src), "`dates` are keyed by a year from 2025, when the revised holidays took effect");
      continue;
    }
    CalendarYear y;
    y.source = source;
    y.provisional = true;
    for (auto& f : fixed)
      for (auto [m, d] : f.days) add_rest(y, Date::from_ymd(year, m, d), f.name);
    const YAML::Node firsts = it->second;  // a copy: it->second dies with the iterator's temporary
    if (!firsts.IsMap()) {
      diags.report(code::K012, span_of(firsts, src), "a year's `dates` map each moving holiday to its first day");
      continue;
    }
    for (auto& [name, length] : moving)
      if (!firsts[name]) diags.report(code::K012, span_of(firsts, src), std::to_string(year) + " has no date for " + name);
    for (auto f = firsts.begin(); f != firsts.end(); ++f) {
      std::string name = f->first.IsScalar() ? f->first.Scalar() : "";
      auto m = moving.find(name);
      if (m == moving.end()) {
        diags.report(code::K012, span_of(f->first, src), "'" + name + "' is not one of the `moving` holidays");
        continue;
      }
      auto first = date_at(f->second, src, diags);
      if (!first) continue;
      if (first->year() != year) {
        diags.report(code::K012, span_of(f->second, src), "the date for " + name + " is not in " + std::to_string(year));
        continue;
      }
      for (int i = 0; i < m->second; ++i) add_rest(y, first->add_days(i), name);
    }
    statutory_[year] = std::move(y);
  }
  statutory_source_ = source.empty() ? "statutory" : source;
}

Calendar Calendar::builtin() {
  Calendar c;
  Diagnostics d;
  for (const auto& f : embedded_files())
    if (f.path.starts_with("rules/calendars/")) c.load(std::make_shared<const Source>(std::string(f.path), std::string(f.text)), d);
  if (d.has_errors()) throw Error("the built-in calendars have errors:\n" + render_all(d));
  return c;
}

Calendar Calendar::from_files(const std::vector<std::string>& files) {
  Calendar c;
  Diagnostics d;
  for (auto& f : files) c.load(Source::read_file(f), d);
  if (d.has_errors()) throw Error("the calendars have errors:\n" + render_all(d));
  return c;
}

Calendar Calendar::with_files(const std::vector<std::string>& files) {
  Calendar c = builtin();
  c.overlay(from_files(files));
  return c;
}

void Calendar::overlay(const Calendar& other) {
  for (auto& [year, y] : other.official_) official_[year] = y;
  if (!other.statutory_source_.empty()) {
    statutory_ = other.statutory_;
    statutory_source_ = other.statutory_source_;
  }
  index();
}

std::vector<int> Calendar::years() const {
  std::vector<int> out;
  for (auto& [y, _] : official_) out.push_back(y);
  return out;
}

std::vector<int> Calendar::provisional_years() const {
  std::vector<int> out;
  for (auto& [y, _] : statutory_)
    if (!official_.count(y)) out.push_back(y);
  return out;
}

std::vector<int> Calendar::provisional_between(Date a, Date b) const {
  if (b < a) std::swap(a, b);
  std::vector<int> out;
  for (int y = a.year(); y <= b.year(); ++y)
    if (is_provisional(y)) out.push_back(y);
  return out;
}

std::string Calendar::describe() const {
  std::string out = official_.empty() ? "" : "国务院节假日安排（" + span_text(years()) + "）";
  if (auto p = provisional_years(); !p.empty()) out += (out.empty() ? "" : "；") + span_text(p) + "按暂定日历（法定节假日）";
  return out.empty() ? "无工作日历" : out;
}

std::string Calendar::fingerprint() const {
  Fnv h;
  for (auto* layer : {&official_, &statutory_}) {
    h.add(layer == &official_ ? "official" : "statutory");
    for (auto& [year, y] : *layer) {
      if (layer == &statutory_ && official_.count(year)) continue;  // not in use
      h.add(int64_t(year));
      for (auto& [day, name] : y.rest) h.add(int64_t(day)).add(name);
      h.add("makeup");
      for (int32_t day : y.makeup) h.add(int64_t(day));
    }
  }
  return h.hex();
}

std::map<std::string, std::string> Calendar::year_fingerprints() const {
  std::map<std::string, std::string> out;
  for (auto* layer : {&official_, &statutory_})
    for (auto& [year, y] : *layer) {
      if (layer == &statutory_ && official_.count(year)) continue;  // not in use
      Fnv h;
      h.add(layer == &official_ ? "official" : "statutory");
      for (auto& [day, name] : y.rest) h.add(int64_t(day)).add(name);
      h.add("makeup");
      for (int32_t day : y.makeup) h.add(int64_t(day));
      out[std::to_string(year)] = h.hex();
    }
  return out;
}

const CalendarYear& Calendar::year_of(Date d) const {
  if (auto it = official_.find(d.year()); it != official_.end()) return it->second;
  if (auto it = statutory_.find(d.year()); it != statutory_.end()) return it->second;
  throw CalendarError("no working-day calendar for " + std::to_string(d.year()) + " (needed for " + d.str() +
                      "): neither the State Council's notice for that year (calendars/" + std::to_string(d.year()) +
                      ".yaml) nor the statutory holidays (calendars/statutory.yaml) cover it; add one of them");
}

bool Calendar::holiday_in_years(Date d) const {
  // A rest day listed under the next year's notice (e.g. 2022-12-31 in 2023's 元旦).
  if (auto next = official_.find(d.year() + 1); next != official_.end() && next->second.rest.count(d.days)) return true;
  return year_of(d).rest.count(d.days) > 0;
}

bool Calendar::is_holiday(Date d) const {
  if (uint8_t f = flags(d)) return f & kHoliday;
  return holiday_in_years(d);
}

std::string Calendar::holiday_name(Date d) const {
  if (auto next = official_.find(d.year() + 1); next != official_.end())
    if (auto it = next->second.rest.find(d.days); it != next->second.rest.end()) return it->second;
  auto& y = year_of(d);
  auto it = y.rest.find(d.days);
  return it == y.rest.end() ? "" : it->second;
}

bool Calendar::workday_in_years(Date d) const {
  const CalendarYear& y = year_of(d);
  if (y.makeup.count(d.days)) return true;
  // A make-up working day the next year's notice placed in this December (2018-12-29).
  if (auto next = official_.find(d.year() + 1); next != official_.end() && next->second.makeup.count(d.days)) return true;
  if (holiday_in_years(d)) return false;
  return d.weekday() <= 5;
}

bool Calendar::is_workday(Date d) const {
  if (uint8_t f = flags(d)) return f & kWorkday;
  return workday_in_years(d);
}

void Calendar::index() {
  days_.clear();
  int first = INT_MAX, last = INT_MIN;
  for (auto* layer : {&official_, &statutory_})
    if (!layer->empty()) first = std::min(first, layer->begin()->first), last = std::max(last, layer->rbegin()->first);
  if (first > last) return;
  first_day_ = Date::from_ymd(first, 1, 1).days;
  int32_t end = Date::from_ymd(last + 1, 1, 1).days;
  days_.assign(size_t(end - first_day_), 0);
  for (int32_t day = first_day_; day < end; ++day) {
    Date d{day};
    if (!has_year(d.year())) continue;
    days_[size_t(day - first_day_)] = uint8_t(kCovered | (holiday_in_years(d) ? kHoliday : 0) | (workday_in_years(d) ? kWorkday : 0));
  }
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

Date Calendar::next_workday_from(Date d) const {
  while (!is_workday(d)) d = d.add_days(1);  // bounded: no year is without working days
  return d;
}

}  // namespace jiandu
