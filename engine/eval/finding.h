#pragma once
// A finding: one lapse a rule found, with everything needed to explain it later.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "check/outcome.h"
#include "check/rules.h"

namespace jiandu::eval {

struct Finding {
  const check::Rule* rule = nullptr;
  check::Outcome outcome = check::Outcome::violation;
  std::string subject_type, subject_id, subject_name;  // org | person | ref
  int org = -1;                                        // the unit concerned (for --org and the report's per-unit tables)
  int person = -1;                                     // the person concerned, if any
  std::string period;                                  // a period label, or empty
  std::string key;                                     // a correlation key, event id, or empty
  std::optional<Date> due;
  Date date;                          // the day of the lapse (the due date passed, the event's day)
  std::vector<std::string> evidence;  // event ids
  std::string message;
  nlohmann::json numbers = nlohmann::json::object();  // what was counted against what
  // The years whose working days were counted on a provisional calendar (no State Council
  // notice yet) to reach this finding's dates: empty when every year counted was official.
  std::vector<int> provisional;

  // The alert's stable key: rule, subject, and period or correlation key.
  std::string stable_key() const;
};

}  // namespace jiandu::eval
