#pragma once
// The alert ledger read back for people: lists of alerts and an alert's trail, in Chinese, with
// the entries of a trail that does not verify marked as altered.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace jiandu::report {

struct AlertRow {
  std::string id, rule, outcome, subject_type, subject_id, subject_name, org, org_name, period, severity, title, message,
      status, owner_role, owner_then, owner_then_name, owner_now, owner_now_name, escalated_to, escalated_to_name, lapse_date, rectify_due,
      due,                   // the obligation's due date, when it has one
      target, target_name,   // 处理对象: the person the recommended form is for, when known
      last_at;               // the latest trail entry's time (a date, or a UTC moment)
  std::vector<int> provisional;  // the provisional years its due date was counted over
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
  std::string id;      // one alert
  // A person's scope (the web workplace): alerts of these units, or about or owned by
  // `person`; nullopt = every alert.
  std::optional<std::vector<std::string>> units;
  std::string person;
};

struct Integrity;

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& filter);
// Sets `altered` on the alerts with an entry that does not verify; returns how many.
size_t mark_altered(std::vector<AlertRow>& alerts, const Integrity& integrity);
// The as-of date of the last audit, or empty before the first.
std::string last_audit_date(Store& store);
// For people: Chinese headers and states; a first column "!" marks altered alerts when any is.
void write_alerts_table(std::ostream& out, const std::vector<AlertRow>& alerts);
void write_alerts_jsonl(std::ostream& out, const std::vector<AlertRow>& alerts);
// For Excel on Chinese Windows: the columns of alert_columns.h, moments in `zone`.
void write_alerts_csv(std::ostream& out, const std::vector<AlertRow>& alerts, const Zone& zone);

struct TrailRow {
  int64_t id;
  std::string at, from, to, actor, actor_name, reason;
  nlohmann::json evidence;
};
std::vector<TrailRow> load_trail(Store& store, const std::string& alert);

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
// The alert and its timeline in Chinese, times in the store's zone; when the chain does not
// verify, a warning first and every altered entry marked.
void write_trail(std::ostream& out, Store& store, const std::string& alert, const Integrity& integrity);

}  // namespace jiandu::report
