#pragma once
// Working days: Monday to Friday, less the official rest days, plus the make-up working
// days (调休) — from one data file per year (rules/calendars/YYYY.yaml). A date in a year
// with no calendar is an error, never a silent weekday-only guess.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace jiandu {

class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One year's notice: its rest days (with the holiday's name) and make-up working days.
struct CalendarYear {
  std::string source;
  std::map<int32_t, std::string> rest;  // day → holiday name
  std::set<int32_t> makeup;             // weekend days worked
};

class Calendar {
 public:
  // Loads a year file; faults are diagnostics with file:line:col.
  void load(const SourcePtr& src, Diagnostics& diags);
  // Loads every calendar file; throws Error rendering the diagnostics.
  static Calendar from_files(const std::vector<std::string>& files);

  bool has_year(int year) const { return years_.count(year) > 0; }
  std::vector<int> years() const;
  std::string describe() const;  // "国务院节假日安排（2023–2026年）"
  // Over every year's rest days, their names and the make-up working days.
  std::string fingerprint() const;

  // These throw CalendarError for a date in a year without a calendar.
  bool is_workday(Date d) const;
  bool is_holiday(Date d) const;  // an official rest day (not an ordinary weekend)
  std::string holiday_name(Date d) const;
  // The date `n` working days after `d` (d itself not counted); n may be 0 (d itself).
  Date add_workdays(Date d, int64_t n) const;
  Date sub_workdays(Date d, int64_t n) const;
  // Working days in (a, b]; negative when b < a.
  int64_t workdays_between(Date a, Date b) const;

 private:
  const CalendarYear& year_of(Date d) const;
  std::map<int, CalendarYear> years_;
};

}  // namespace jiandu
