#pragma once
// The alert ledger read back: alerts (with names of the people and units they concern), an
// alert's trail, the last audit's faults. The only code that queries these tables for
// reading; report/ renders what it returns.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace jiandu::ledger {

struct AlertRow {
  std::string id, rule, outcome, subject_type, subject_id, subject_name, org, org_name, period, severity, title, message, status,
      owner_role, owner_then, owner_then_name, owner_now, owner_now_name, escalated_to, escalated_to_name, lapse_date, rectify_due,
      due,                               // the obligation's due date, when it has one
      target, target_name,               // 处理对象: the person the recommended form is for, when known
      last_at;                           // the latest trail entry's time (a date, or a UTC moment)
  std::vector<int> provisional;          // the provisional years its due date was counted over
  std::string provisional_note() const;  // "2027年按暂定日历计算，待国务院办公厅通知" or empty
  int level = 0;
  std::optional<int> form;
  nlohmann::json explanation;
  bool altered = false;  // one of its trail entries does not verify (set by mark_altered)
};

struct AlertFilter {
  std::string status;  // a status, "open", or empty for all
  std::string org;     // a unit: it and everything below it
  std::string rule;
  std::string id;  // one alert
  // A person's scope (the web workplace): alerts of these units, or about or owned by
  // `person`; nullopt = every alert.
  std::optional<std::vector<std::string>> units;
  std::string person;
};

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& filter);
bool alert_exists(Store& store, const std::string& id);
// The as-of date of the last audit, or empty before the first.
std::string last_audit_date(Store& store);

struct TrailRow {
  int64_t id;
  std::string at, from, to, actor, actor_name, reason;
  nlohmann::json evidence;
};
std::vector<TrailRow> load_trail(Store& store, const std::string& alert);
// The newest trail entry and how many there are: changes whenever the trail does.
std::pair<int64_t, int64_t> trail_watermark(Store& store);

// The obligations the last audit could not judge.
struct FaultRow {
  std::string rule, subject, subject_name, event, reason;
};
struct LastRunFaults {
  int64_t run = 0;
  std::string as_of;
  int64_t total = 0;
  std::vector<FaultRow> rows;
};
std::optional<LastRunFaults> load_last_run_faults(Store& store);

}  // namespace jiandu::ledger
