#pragma once
// The alert ledger read back for people: lists of alerts and an alert's trail.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace jiandu::report {

struct AlertRow {
  std::string id, rule, outcome, subject_type, subject_id, subject_name, org, org_name, period, severity, title, message,
      status, owner_role, owner_then, owner_then_name, owner_now, owner_now_name, escalated_to, escalated_to_name, lapse_date, rectify_due;
  int level = 0;
  std::optional<int> form;
  nlohmann::json explanation;
};

struct AlertFilter {
  std::string status;  // a status, "open", or empty for all
  std::string org;     // a unit: it and everything below it
  std::string rule;
};

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& filter);
void write_alerts_table(std::ostream& out, const std::vector<AlertRow>& alerts);
void write_alerts_jsonl(std::ostream& out, const std::vector<AlertRow>& alerts);
void write_alerts_csv(std::ostream& out, const std::vector<AlertRow>& alerts);

struct TrailRow {
  int64_t id;
  std::string at, from, to, actor, actor_name, reason;
  nlohmann::json evidence;
};
std::vector<TrailRow> load_trail(Store& store, const std::string& alert);
void write_trail(std::ostream& out, Store& store, const std::string& alert);

}  // namespace jiandu::report
