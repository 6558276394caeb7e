#pragma once
// The audit history: every run that committed (table runs) and every one that did not
// (failed_runs), newest first, for `jiandu runs` and `jiandu status`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace jiandu::ledger {

struct RunRecord {
  bool failed = false;            // an audit that did not commit: only at, as_of and reason
  int64_t id = 0;                 // the run's number (a failed one: its failed_runs row)
  std::string started, finished;  // UTC, ISO 8601 (a failed one: when it failed, in both)
  std::string as_of;
  int64_t findings = 0, opened = 0, changed = 0, faults = 0;
  std::optional<int64_t> events_read;  // none for runs before store version 7
  std::string read;                    // "resumed from the audit as of D" or "all: why"; empty before version 7
  std::string chain;                   // what verify found as the run began, when the trail did not verify
  std::string reason;                  // why a failed one failed
  int64_t after_run = 0;               // a failed one: the last run that had committed when it failed
};

// The latest `limit` runs, committed (and failed, unless not asked for), newest first.
std::vector<RunRecord> run_history(Store& store, size_t limit, bool with_failed = true);

}  // namespace jiandu::ledger
