#pragma once
// The alert ledger read back for people: lists of alerts and an alert's trail, in Chinese, with
// the entries of a trail that does not verify marked as altered.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/alert_rows.h"
#include "store/store.h"

namespace jiandu::report {

using ledger::alert_exists;
using ledger::AlertFilter;
using ledger::AlertRow;
using ledger::FaultRow;
using ledger::last_audit_date;
using ledger::LastRunFaults;
using ledger::load_alerts;
using ledger::load_last_run_faults;
using ledger::load_trail;
using ledger::TrailRow;

struct Integrity;

// Sets `altered` on the alerts with an entry that does not verify; returns how many.
size_t mark_altered(std::vector<AlertRow>& alerts, const Integrity& integrity);
// For people: Chinese headers and states; a first column "!" marks altered alerts when any is.
void write_alerts_table(std::ostream& out, const std::vector<AlertRow>& alerts);
void write_alerts_jsonl(std::ostream& out, const std::vector<AlertRow>& alerts);
// For Excel on Chinese Windows: the columns of alert_columns.h, moments in `zone`.
void write_alerts_csv(std::ostream& out, const std::vector<AlertRow>& alerts, const Zone& zone);

// The alert and its timeline in Chinese, times in the store's zone; when the chain does not
// verify, a warning first and every altered entry marked.
void write_trail(std::ostream& out, Store& store, const std::string& alert, const Integrity& integrity);

}  // namespace jiandu::report
