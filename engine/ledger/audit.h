#pragma once
// The nightly audit: findings → alerts with stable keys, and every open alert's trail
// advanced — all in one transaction, so a killed audit leaves the store as it was, and a
// second audit of the same date over the same data changes no alert and no trail entry.
#include <string>
#include <utility>
#include <vector>

#include "base/calendar.h"
#include "compile/plan.h"
#include "eval/run.h"
#include "ledger/policy.h"
#include "org/org_graph.h"
#include "store/store.h"

namespace jiandu::ledger {

struct AuditSummary {
  int64_t run = 0;
  // Resumed from the last audit's checkpoint (reading only the events after it), or run
  // over every event, and why.
  bool resumed = false;
  std::string resumed_from, full_because;
  size_t events_read = 0;
  std::vector<std::pair<std::string, double>> timings;  // seconds by stage, for --timings
  size_t findings = 0, opened = 0, reopened = 0, escalated = 0, closed = 0, progressed = 0, entries = 0, faults = 0,
         redated = 0,  // alerts whose due date or calendar changed
      backfilled = 0;  // alerts met by back-filled records (补录), awaiting verification
  // When the trail did not verify (in the store, or against the anchor file) as the audit
  // began: what was found. The audit still does its work and records it in its run row.
  std::string chain_broken;
  std::map<std::string, eval::RuleStats> stats;
};

struct AuditOptions {
  bool full = false;                     // read every event even when the last audit's checkpoint would do
  std::function<void()> after_findings;  // called inside the transaction (tests kill an audit there)
  int threads = 1;                       // to feed the rules on (eval::RunOptions::threads)
};

// An audit that did not commit leaves a row of its own (table failed_runs), written after its
// transaction rolled back, so that `status` can say the last night failed and why. Never
// throws: a store that cannot take even this row (disk full, read-only) is left as it is.
void record_failed_audit(Store& store, const std::string& as_of, const std::string& reason);

AuditSummary audit(Store& store, const check::RuleSet& rules, const compile::Plan& plan, const org::OrgGraph& orgs,
                   const Calendar& calendar, const Policy& policy, Date as_of, const AuditOptions& opts = {});

}  // namespace jiandu::ledger
