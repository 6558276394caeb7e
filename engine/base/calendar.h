#pragma once
// Working days: Monday to Friday, less the rest days, plus the make-up working days (调休).
//
// Each year comes from one of two places. An official year is the State Council's notice
// (rules/calendars/YYYY.yaml, compiled into the binary; a deployment adds or replaces years
// with its own folder). A year with no notice yet is provisional: its rest days are the
// weekends and the statutory holidays of 《全国年节及纪念日放假办法》, whose lunar and
// solar-term dates are data (rules/calendars/statutory.yaml), with no make-up day. A date in
// a year neither covers is a CalendarError, which stops the command: never a guess.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace YAML {
class Node;
}

namespace jiandu {

class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One year's rest days (with the holiday's name) and make-up working days.
struct CalendarYear {
  std::string source;
  std::map<int32_t, std::string> rest;  // day → holiday name
  std::set<int32_t> makeup;             // weekend days worked
  bool provisional = false;             // from the statutory holidays, not a notice
};

class Calendar {
 public:
  // The calendars compiled into the binary: the official years and the statutory holidays.
  static Calendar builtin();
  // The built-in calendars with the files' years (and statutory data) added or replacing
  // the built-in ones; throws Error rendering the diagnostics of a malformed file.
  static Calendar with_files(const std::vector<std::string>& files);
  // Only the files (no built-in years): for tests and `jiandu gen --calendars`.
  static Calendar from_files(const std::vector<std::string>& files);

  // Loads a year file or the statutory file; faults are diagnostics with file:line:col.
  void load(const SourcePtr& src, Diagnostics& diags);
  // The other calendar's official years replace ours; its statutory data, if any, too.
  void overlay(const Calendar& other);

  bool has_year(int year) const { return official_.count(year) || statutory_.count(year); }
  bool is_official(int year) const { return official_.count(year) > 0; }
  bool is_provisional(int year) const { return !official_.count(year) && statutory_.count(year); }
  std::vector<int> years() const;              // the official years
  std::vector<int> provisional_years() const;  // the years counted on statutory holidays
  // The provisional years among those of the dates from `a` to `b` (either order).
  std::vector<int> provisional_between(Date a, Date b) const;
  std::string describe() const;  // "国务院节假日安排（2023–2026年）；2027–2035年按暂定日历"
  // Over every year's rest days, their names, the make-up days and which years are provisional.
  std::string fingerprint() const;
  // The same, year by year ("2026" official, "2027" provisional): to say which year changed.
  std::map<std::string, std::string> year_fingerprints() const;

  // These throw CalendarError for a date in a year without a calendar.
  bool is_workday(Date d) const;
  bool is_holiday(Date d) const;  // a rest day other than an ordinary weekend
  std::string holiday_name(Date d) const;
  // The date `n` working days after `d` (d itself not counted); n may be 0 (d itself).
  Date add_workdays(Date d, int64_t n) const;
  Date sub_workdays(Date d, int64_t n) const;
  // Working days in (a, b]; negative when b < a.
  int64_t workdays_between(Date a, Date b) const;
  // `d`, or the first working day after it when it is a rest day (民法典 Art. 203).
  Date next_workday_from(Date d) const;

 private:
  void read(const SourcePtr& src, Diagnostics& diags);
  void load_year(const SourcePtr& src, const YAML::Node& root, Diagnostics& diags);
  void load_statutory(const SourcePtr& src, const YAML::Node& root, Diagnostics& diags);
  const CalendarYear& year_of(Date d) const;
  bool holiday_in_years(Date d) const;
  bool workday_in_years(Date d) const;
  // The day table below, made again whenever the years change.
  void index();
  std::map<int, CalendarYear> official_, statutory_;
  std::string statutory_source_;
  // Every day from the first year covered to the last (years load from 1949 to 2200): is it
  // covered, a holiday, a working day — what a run asks of nearly every event, answered
  // without the year and day map lookups. A day outside (or in an uncovered year) takes the
  // maps' path, which says which calendar is missing.
  enum : uint8_t { kCovered = 1, kHoliday = 2, kWorkday = 4 };
  int32_t first_day_ = 0;
  std::vector<uint8_t> days_;
  uint8_t flags(Date d) const {
    int64_t i = int64_t(d.days) - first_day_;
    return i >= 0 && i < int64_t(days_.size()) ? days_[size_t(i)] : 0;
  }
};

// The note people read beside a date counted over a provisional year.
inline constexpr const char* kProvisionalNote = "按暂定日历计算，待国务院办公厅通知";
// From 1 November, and for the current year itself, a notice when the year has no official
// calendar (its dates will be, or are being, counted on the provisional one); else empty.
std::string year_end_notice(const Calendar& cal, Date today);
// "2027年按暂定日历计算，待国务院办公厅通知", or empty for no years.
std::string provisional_note(const std::vector<int>& years);

}  // namespace jiandu
