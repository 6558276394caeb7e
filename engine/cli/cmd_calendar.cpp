// jiandu calendar --from D --to D: the working-day calendar a run judges by, day by day — or,
// with --periods UNIT, the periods it counts in — as the engine itself computes them. For rule
// authors checking a deadline by hand, and for bench/ (its SQL peers build their helper tables
// from this output rather than reading the calendar files a second way).
#include <iostream>

#include <fmt/format.h>

#include "base/calendar.h"
#include "base/error.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "eval/period.h"
#include "report/csv.h"

namespace jiandu::cli {

namespace {

// A range longer than this is a mistake, not a question (the calendars span a few decades).
constexpr int kMaxDays = 40 * 366;

const char* const kWeekdays[] = {"", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

Date date_option(const std::string& text, const char* option) {
  auto d = Date::parse(text);
  if (!d) throw Error(fmt::format("{} {}: not a date (YYYY-MM-DD)", option, text));
  return *d;
}

// A CSV's start, as every CSV of jiandu: the byte-order mark (spreadsheets on Chinese Windows), the header.
void csv_header(const std::vector<std::string>& names) {
  std::cout << report::kUtf8Bom;
  report::write_csv_row(std::cout, names);
}

void write_days(const Calendar& cal, Date from, Date to, bool csv) {
  if (csv) csv_header({"date", "weekday", "workday", "holiday", "name", "year"});
  for (Date d = from; d.days <= to.days; d = d.add_days(1)) {
    // Each query throws CalendarError for a year no calendar covers: the day cannot be told.
    bool work = cal.is_workday(d), holiday = cal.is_holiday(d);
    std::string name = cal.holiday_name(d);
    bool official = cal.is_official(d.year());
    if (csv) {
      report::write_csv_row(std::cout, {d.str(), std::to_string(d.weekday()), work ? "1" : "0", holiday ? "1" : "0", name,
                                        official ? "official" : "provisional"});
    } else {
      std::string line = fmt::format("{}  {}  {}", d.str(), kWeekdays[d.weekday()],
                                     !work             ? "休息日"
                                     : d.weekday() > 5 ? "工作日（调休上班）"
                                                       : "工作日");
      if (!name.empty()) line += "  " + name;
      if (!official) line += "  （暂定日历：按法定节假日推算）";
      std::cout << line << "\n";
    }
  }
}

void write_periods(check::PeriodUnit unit, Date from, Date to, bool csv) {
  if (csv) csv_header({"index", "label", "start", "end"});
  for (int64_t i = eval::period_index(unit, from), last = eval::period_index(unit, to); i <= last; ++i) {
    eval::Period p = eval::period_at(unit, i);
    if (csv)
      report::write_csv_row(std::cout, {std::to_string(p.index), p.label, p.start.str(), p.end.str()});
    else
      std::cout << fmt::format("{:<9}  {} 至 {}\n", p.label, p.start.str(), p.end.str());
  }
}

}  // namespace

void add_calendar(CLI::App& app, int& /*exit_status: a calendar has no problems to report*/) {
  auto* cmd = app.add_subcommand("calendar", "Show the working-day calendar day by day, or the periods rules count in");
  struct Opts {
    std::string rules, calendars, from, to, periods, format = "table";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--rules", o->rules, "a rule folder or file: its rule set's calendars/ over the built-in ones");
  add_calendars_option(cmd, o->calendars);
  cmd->add_option("--from", o->from, "the first day (YYYY-MM-DD)")->required();
  cmd->add_option("--to", o->to, "the last day (YYYY-MM-DD)")->required();
  cmd->add_option("--periods", o->periods, "list the periods of a unit overlapping the days instead")
      ->check(CLI::IsMember(names_of(check::kPeriodUnits)));
  cmd->add_option("--format", o->format, "table, or csv (UTF-8 with a byte-order mark, CRLF, as every CSV of jiandu)")
      ->check(CLI::IsMember({"table", "csv"}));
  cmd->callback([o] {
    Date from = date_option(o->from, "--from"), to = date_option(o->to, "--to");
    if (to.days < from.days) throw Error(fmt::format("--to {} is before --from {}", o->to, o->from));
    if (to.days - from.days >= kMaxDays) throw Error(fmt::format("--from {} --to {}: at most {} days at a time", o->from, o->to, kMaxDays));
    bool csv = o->format == "csv";
    if (!o->periods.empty()) return write_periods(*value_of(check::kPeriodUnits, o->periods), from, to, csv);
    std::string dir = o->calendars;
    if (dir.empty() && !o->rules.empty())
      if (auto root = rule_set_root(o->rules)) dir = *root + "/calendars";
    Calendar cal = Calendar::with_files(dir.empty() ? std::vector<std::string>{} : calendar_files(dir));
    write_days(cal, from, to, csv);
  });
}

}  // namespace jiandu::cli
